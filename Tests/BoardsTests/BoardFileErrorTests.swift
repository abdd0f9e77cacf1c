import Boards
import ConfigFile
import Testing

/// Each mistake in a board file gives its own error, at the right line, naming the field and
/// saying what was expected.
@Suite struct BoardFileErrorTests {
    /// The errors parsing `text` gives (empty if it parses).
    private func errors(_ text: String) -> [ConfigError] {
        do {
            _ = try BoardDefinition.parse(text: text, fileName: "lab2.board.toml")
            return []
        } catch {
            return error.errors
        }
    }

    /// The single error of `text`, recorded as an issue if there is not exactly one.
    private func onlyError(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> ConfigError? {
        let found = errors(text)
        guard found.count == 1 else {
            Issue.record("expected one error, got \(found.count):\n\(found.map(\.description).joined(separator: "\n"))",
                         sourceLocation: sourceLocation)
            return nil
        }
        return found[0]
    }

    private let fixture = BoardFileFixture.self

    @Test func theFixtureItselfIsValid() {
        #expect(errors(fixture.lab2).isEmpty)
    }

    @Test func unknownRoleListsTheRoles() throws {
        let error = try #require(onlyError(fixture.replacing("[line.status]", with: "[line.statsu]")))
        #expect(error.line == fixture.line(of: "[line.status]"))
        #expect(error.field == "line.statsu")
        #expect(error.message.hasPrefix("expected a role (trigger, gate, gate-a-plus,"))
        #expect(error.message.hasSuffix(#"click-b-minus, interlock, loopback), found unknown role "statsu"; did you mean "status"?"#))
    }

    @Test func aLineUsedTwiceNamesBothRolesAndBothLines() throws {
        let text = fixture.replacing("name = \"GPIO16\"", with: "name = \"GPIO20\"")
        let error = try #require(onlyError(text))
        let first = fixture.line(of: "[line.click-a-plus]")
        let second = fixture.line(of: "[line.click-b-minus]")
        #expect(error.description == "lab2.board.toml:\(second): line.click-b-minus: expected each line to play one role, found line pinctrl-bcm2711/GPIO20 used twice: "
            + "by role \"click-a-plus\" (line \(first)) and by role \"click-b-minus\" (line \(second))")
    }

    @Test func aMissingRequiredRoleIsNamed() throws {
        let error = try #require(onlyError(fixture.removingSection("[line.interlock]")))
        #expect(error.line == fixture.line(of: "[board]"))
        #expect(error.field == "line.interlock")
        #expect(error.message == "expected a [line.interlock] section (a required role), found none")
    }

    @Test func aPartialSetOfPerDetectorGatesNamesTheMissingOne() throws {
        let error = try #require(onlyError(fixture.removingSection("[line.gate-b-minus]")))
        #expect(error.field == "line.gate-b-minus")
        #expect(error.message.hasPrefix("expected all four per-detector gates") && error.message.hasSuffix("found no [line.gate-b-minus]"))
    }

    @Test func noGateAtAllAsksForEitherForm() throws {
        var text = fixture.lab2
        for role in ["gate-a-plus", "gate-a-minus", "gate-b-plus", "gate-b-minus"] {
            text = BoardFileFixture.removingSection("[line.\(role)]", from: text)
        }
        let error = try #require(onlyError(text))
        #expect(error.field == "line.gate")
        #expect(error.message == "expected one shared [line.gate] or all four of gate-a-plus, gate-a-minus, gate-b-plus, gate-b-minus, found no gate")
    }

    @Test func wrongTypesSayWhatWasExpectedAndFound() throws {
        let chip = try #require(onlyError(fixture.replacing("chip = \"pinctrl-bcm2711\"\nname = \"GPIO17\"",
                                                            with: "chip = 3\nname = \"GPIO17\"")))
        #expect(chip.description
            == "lab2.board.toml:\(fixture.line(of: "[line.trigger]") + 1): line.trigger.chip: expected a string like \"qdot-sim\", found integer 3")
        let activeLow = try #require(onlyError(fixture.replacing("active-low = true     # the lamp", with: "active-low = \"yes\"  # the lamp")))
        #expect(activeLow.line == fixture.line(of: "active-low = true     # the lamp"))
        #expect(activeLow.field == "line.status.active-low")
        #expect(activeLow.message == #"expected true or false, found string "yes""#)
        let name = try #require(onlyError(fixture.replacing("name = \"lab2-pi4\"", with: "name = \"\"")))
        #expect(name.field == "board.name" && name.message == #"expected a string like "my-station", found an empty string"#)
    }

    @Test func anUnknownKeyIsReportedWithASuggestion() throws {
        let error = try #require(onlyError(fixture.replacing("active-low = true     # the lamp driver sinks current", with: "activelow = true")))
        #expect(error.line == fixture.line(of: "active-low = true     # the lamp"))
        #expect(error.field == "line.status.activelow")
        #expect(error.message.hasSuffix(#"found unknown key "activelow"; did you mean "active-low"?"#))
    }

    @Test func aDuplicateKeyGivesBothLines() throws {
        let text = fixture.replacing("name = \"GPIO17\"", with: "name = \"GPIO17\"\nname = \"GPIO18\"")
        let error = try #require(onlyError(text))
        let first = fixture.line(of: "name = \"GPIO17\"")
        #expect(error.description == "lab2.board.toml:\(first + 1): line.trigger.name: expected each key once per section, found \"name\" again (it was set on line \(first))")
    }

    @Test func bothGateFormsAreRefused() throws {
        let text = fixture.replacing("[line.gate-a-plus]", with: "[line.gate]\nchip = \"pinctrl-bcm2711\"\nname = \"GPIO27\"\n\n[line.gate-a-plus]")
        let error = try #require(onlyError(text))
        let gateLine = fixture.line(of: "[line.gate-a-plus]")
        #expect(error.line == gateLine + 4)
        #expect(error.field == "line.gate-a-plus")
        #expect(error.message.hasSuffix("found both forms: [line.gate] (line \(gateLine)) and [line.gate-a-plus] (line \(gateLine + 4))"))
    }

    @Test func biasOnAnOutputAndSafeOnAnInputAreRefused() throws {
        let bias = try #require(onlyError(fixture.replacing("safe = \"inactive\"", with: "bias = \"pull-up\"")))
        #expect(bias.line == fixture.line(of: "safe = \"inactive\""))
        #expect(bias.field == "line.trigger.bias")
        #expect(bias.message.hasPrefix(#"expected bias on input lines only, found it on the output "trigger""#))
        let safe = try #require(onlyError(fixture.replacing("bias = \"disabled\"", with: "safe = \"inactive\"")))
        #expect(safe.field == "line.click-a-plus.safe")
        #expect(safe.message.hasPrefix(#"expected safe on output lines only, found it on the input "click-a-plus""#))
    }

    @Test func badEnumerationValuesListTheChoices() throws {
        let backend = try #require(onlyError(fixture.replacing("backend = \"linux\"", with: "backend = \"gpio\"")))
        #expect(backend.description == #"lab2.board.toml:5: board.backend: expected one of: simulated, linux, found "gpio""#)
        let bias = try #require(onlyError(fixture.replacing("bias = \"pull-up\"", with: "bias = \"up\"")))
        #expect(bias.field == "line.interlock.bias")
        #expect(bias.message == #"expected one of: as-is, disabled, pull-up, pull-down, found "up""#)
        let safe = try #require(onlyError(fixture.replacing("safe = \"inactive\"", with: "safe = \"low\"")))
        #expect(safe.message == #"expected one of: inactive, active, found "low""#)
        let profile = try #require(onlyError(BoardFileFixture.replacing(
            "timing-profile = \"ideal\"", with: "timing-profile = \"pi5\"", in: BoardDefinition.simulatedStationText)))
        #expect(profile.field == "board.timing-profile")
        #expect(profile.message.contains("no timing profile named pi5; expected one of ideal, raspberry-pi-4, raspberry-pi-5, "
                                         + "beaglebone-black or a .profile.toml file"), "\(profile.message)")
    }

    /// A lab board names its timing profile too: it says how good its kernel click stamps are.
    @Test func aLinuxBoardNamesItsTimingProfileForItsClickStamps() throws {
        let board = try BoardDefinition.parse(
            text: fixture.replacing("consumer = \"qdot-lab2\"", with: "timing-profile = \"raspberry-pi-4\""), fileName: "lab2.board.toml")
        #expect(board.timingProfile?.name == "raspberry-pi-4")
        // Kernel stamps with a 1 µs exponential tail: |L₁ − L₂| is Laplace, its 99th percentile τ·ln 100 = 4605.2 ns.
        #expect(board.clickResolution?.picoseconds == 4_605_171)
        let unknown = try BoardDefinition.parse(text: fixture.lab2, fileName: "lab2.board.toml")
        #expect(unknown.timingProfile == nil && unknown.clickResolution == nil)
    }

    @Test func theClicksSectionSaysWhoStampsThem() throws {
        let hte = try BoardDefinition.parse(text: fixture.lab2 + "\n[clicks]\ntimestamps = \"hte\"\nhte-tick-ns = 32\npulse-stretch-ns = 100\n",
                                            fileName: "lab2.board.toml")
        #expect(hte.clicks == ClickPath(timestamps: .hardwareEngine(tick: .nanoseconds(32)), pulseStretch: .nanoseconds(100)))
        #expect(hte.clickResolution?.picoseconds == 32_000)
        let tagger = try BoardDefinition.parse(text: fixture.lab2 + "\n[clicks]\ntimestamps = \"tagger\"\ntagger-resolution-ps = 25\n",
                                               fileName: "lab2.board.toml")
        #expect(tagger.clickResolution?.picoseconds == 25)
        let misplaced = try #require(onlyError(fixture.lab2 + "\n[clicks]\ntimestamps = \"kernel\"\nhte-tick-ns = 32\n"))
        #expect(misplaced.field == "clicks.hte-tick-ns")
        #expect(misplaced.message.contains("expected hte-tick-ns only with timestamps = \"hte\""))
    }

    @Test func anUnterminatedStringPointsAtItsQuote() throws {
        let error = try #require(onlyError(fixture.replacing("name = \"GPIO17\"", with: "name = \"GPIO17")))
        #expect(error.line == fixture.line(of: "name = \"GPIO17\""))
        #expect(error.column == 8)
        #expect(error.message.hasPrefix("expected the closing \""))
    }

    @Test func basisBitsMustBeContiguous() throws {
        let error = try #require(onlyError(fixture.replacing("[line.basis-a-1]", with: "[line.basis-a-2]")))
        #expect(error.line == fixture.line(of: "[line.basis-a-1]"))
        #expect(error.field == "line.basis-a-2")
        #expect(error.message == #"expected basis bits contiguous from basis-a-0, found "basis-a-2" without "basis-a-1""#)
    }

    @Test func unknownSectionsAreRefused() throws {
        let error = try #require(onlyError(fixture.lab2 + "\n[wiring]\nnote = \"x\"\n"))
        #expect(error.field == "wiring")
        #expect(error.message == "expected one of the sections [board], [clicks], [line.*], found unknown section [wiring]")
    }

    @Test func anEmptyFileReportsTheMissingBoardFirst() {
        let found = errors("")
        #expect(found.first?.description == "lab2.board.toml:1: board: expected a [board] section, found none")
        // Then every required role (eight) and the gate.
        #expect(found.count == 1 + 8 + 1)
        #expect(found.allSatisfy { $0.line == 1 })
    }

    @Test func severalMistakesAreAllReportedInLineOrder() {
        var text = fixture.replacing("chip = \"pinctrl-bcm2711\"\nname = \"GPIO17\"", with: "chip = 3\nname = \"GPIO17\"")
        text = BoardFileFixture.replacing("[line.status]", with: "[line.statsu]", in: text)
        text = BoardFileFixture.replacing("bias = \"pull-up\"", with: "bias = \"up\"", in: text)
        let found = errors(text)
        #expect(found.map(\.field) == ["line.trigger.chip", "line.statsu", "line.interlock.bias"])
        let lines = found.compactMap(\.line)
        #expect(lines.count == 3 && lines == lines.sorted())
    }
}
