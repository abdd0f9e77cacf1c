import ConfigFile
import Testing

/// The typed accessors: required/optional/default fields, ranges, enumerations, unread keys.
@Suite struct ConfigReaderTests {
    private enum Profile: String, CaseIterable, Sendable {
        case ideal
        case raspberryPi4 = "raspberry-pi-4"
    }

    private struct Nanoseconds: Equatable, Sendable { var value: Int }

    private func reader(_ text: String) throws -> ConfigReader {
        ConfigReader(try ConfigDocument.parse(text, fileName: "board.toml"))
    }

    /// The errors `finish()` throws, as their descriptions.
    private func finishErrors(_ reader: inout ConfigReader) -> [String] {
        do {
            try reader.finish()
            return []
        } catch {
            return error.errors.map(\.description)
        }
    }

    @Test func typedFieldsReadWithDefaults() throws {
        var reader = try reader("""
            [experiment]
            kind = "chsh"
            cycles-per-setting = 10_000
            coincidence-window-nanoseconds = 2.5
            excitation-probability = 0.9
            free-running = false
            analyzer-angles-degrees = [0, 22.5, 45, 67.5]
            profile = "raspberry-pi-4"
            """)
        let found = reader.requiredSection("experiment")
        let section = try #require(found)
        let kind = reader.required("kind", in: section, as: .nonEmptyString(like: "chsh"))
        #expect(kind == "chsh")
        let cyclesPerSetting = reader.required("cycles-per-setting", in: section, as: .integer("cycles per setting", in: 1...1_000_000))
        #expect(cyclesPerSetting == 10_000)
        let coincidenceWindowNanoseconds = reader.required("coincidence-window-nanoseconds", in: section, as: .positiveNumber("a window", atMost: 1_000, unit: "ns"))
        #expect(coincidenceWindowNanoseconds == 2.5)
        let excitationProbability = reader.required("excitation-probability", in: section, as: .probability)
        #expect(excitationProbability == 0.9)
        let freeRunning = reader.value("free-running", in: section, as: .boolean, default: true)
        #expect(freeRunning == false)
        let analyzerAnglesDegrees = reader.required("analyzer-angles-degrees", in: section, as: .array(of: .number("an angle", in: 0...180)))
        #expect(analyzerAnglesDegrees == [0, 22.5, 45, 67.5])
        let profile = reader.required("profile", in: section, as: .oneOf(Profile.self))
        #expect(profile == .raspberryPi4)
        let seed = reader.value("seed", in: section, as: .integer("a seed", in: 0...Int.max), default: 7)
        #expect(seed == 7)
        let gateDelayNanoseconds = reader.optional("gate-delay-nanoseconds", in: section, as: .integer("a gate delay", in: -1_000...1_000, unit: "ns"))
        #expect(gateDelayNanoseconds == nil)
        #expect(finishErrors(&reader).isEmpty)
    }

    @Test func wrongKindSaysExpectedAndFound() throws {
        var reader = try reader("[line.trigger]\nchip = 3\n")
        let found = reader.section("line.trigger")
        let section = try #require(found)
        let chip = reader.required("chip", in: section, as: .string(like: "gpiochip-label"))
        #expect(chip == nil)
        #expect(finishErrors(&reader)
            == [#"board.toml:2: line.trigger.chip: expected a string like "gpiochip-label", found integer 3"#])
    }

    @Test func rangeChecksSayTheRangeAndTheValue() throws {
        var reader = try reader("""
            [dot]
            excitation-probability = 1.3
            cycles = 0
            period = 50
            angles = [0, 200]
            dark = "none"
            """)
        let found = reader.section("dot")
        let section = try #require(found)
        let excitationProbability = reader.required("excitation-probability", in: section, as: .probability)
        #expect(excitationProbability == nil)
        let cycles = reader.required("cycles", in: section, as: .integer("cycles per setting", in: 1...1_000_000))
        #expect(cycles == nil)
        let period = reader.value("period", in: section, as: .integer("a trigger period in nanoseconds", in: 100...1_000_000_000, unit: "ns"),
                             default: 10_000)
        #expect(period == 10_000)
        let angles = reader.required("angles", in: section, as: .array(of: .number("an angle in degrees", in: 0...180)))
        #expect(angles == nil)
        let dark = reader.required("dark", in: section, as: .number("a dark-count rate per second"))
        #expect(dark == nil)
        #expect(finishErrors(&reader) == [
            "board.toml:2: dot.excitation-probability: expected a probability, 0 … 1, found 1.3",
            "board.toml:3: dot.cycles: expected cycles per setting, 1 … 1 000 000, found 0",
            "board.toml:4: dot.period: expected a trigger period in nanoseconds, 100 … 1 000 000 000 ns, found 50",
            "board.toml:5: dot.angles: expected an array of an angle in degrees, 0 … 180, found 200 at index 1",
            #"board.toml:6: dot.dark: expected a dark-count rate per second, found string "none""#,
        ])
    }

    @Test func enumerationsListTheirChoices() throws {
        var reader = try reader("[board]\ntiming-profile = \"fast\"\nsafe = 1\n")
        let found = reader.section("board")
        let section = try #require(found)
        let timingProfile = reader.value("timing-profile", in: section, as: .oneOf(Profile.self), default: .ideal)
        #expect(timingProfile == .ideal)
        let safe = reader.optional("safe", in: section, as: .oneOf([("inactive", false), ("active", true)]))
        #expect(safe == nil)
        #expect(finishErrors(&reader) == [
            #"board.toml:2: board.timing-profile: expected one of: ideal, raspberry-pi-4, found "fast""#,
            "board.toml:3: board.safe: expected one of: inactive, active, found integer 1",
        ])
    }

    @Test func missingRequiredKeysAndSectionsAreReported() throws {
        var reader = try reader("\n[board]\ndescription = \"x\"\n")
        let found = reader.requiredSection("board")
        let board = try #require(found)
        _ = reader.value("description", in: board, as: .string(like: "text"), default: "")
        let name = reader.required("name", in: board, as: .nonEmptyString(like: "my-station"))
        #expect(name == nil)
        let station = reader.requiredSection("station")
        #expect(station == nil)
        #expect(finishErrors(&reader) == [
            "board.toml:1: station: expected a [station] section, found none",
            #"board.toml:2: board.name: expected a string like "my-station", found no "name" key"#,
        ])
    }

    @Test func emptyStringIsNotANonEmptyString() throws {
        var reader = try reader("[line.gate]\nchip = \"  \"\n")
        let found = reader.section("line.gate")
        let section = try #require(found)
        let chip = reader.required("chip", in: section, as: .nonEmptyString(like: "qdot-sim"))
        #expect(chip == nil)
        #expect(finishErrors(&reader) == [#"board.toml:2: line.gate.chip: expected a string like "qdot-sim", found an empty string"#])
    }

    @Test func unreadKeysAndSectionsAreUnknownWithSuggestions() throws {
        var reader = try reader("""
            stray = 1
            [board]
            name = "x"
            nmae = "y"
            colour = "blue"
            [line.trigger]
            chip = "c"
            [extras]
            a = 1
            """)
        let found = reader.section("board")
        let board = try #require(found)
        _ = reader.required("name", in: board, as: .string(like: "x"))
        _ = reader.optional("description", in: board, as: .string(like: "x"))
        for section in reader.subsections(of: "line") { _ = reader.required("chip", in: section, as: .string(like: "c")) }
        #expect(finishErrors(&reader) == [
            #"board.toml:1: stray: expected no keys here, found unknown key "stray""#,
            #"board.toml:4: board.nmae: expected one of the keys name, description, found unknown key "nmae"; did you mean "name"?"#,
            #"board.toml:5: board.colour: expected one of the keys name, description, found unknown key "colour""#,
            "board.toml:8: extras: expected one of the sections [board], [line.*], found unknown section [extras]",
        ])
    }

    @Test func ignoredSectionsReportNoKeys() throws {
        var reader = try reader("[line.trigger2]\nchip = \"c\"\nname = \"n\"\n")
        let sections = reader.subsections(of: "line")
        #expect(sections.map(\.name) == ["line.trigger2"])
        reader.report("unknown role \"trigger2\"", field: sections[0].name, line: sections[0].line)
        reader.ignoreKeys(of: sections[0])
        #expect(finishErrors(&reader) == [#"board.toml:1: line.trigger2: unknown role "trigger2""#])
    }

    @Test func mapTurnsAFieldIntoTheLoadersType() throws {
        var reader = try reader("[cycle]\ngate-width-nanoseconds = 5_000\n")
        let found = reader.section("cycle")
        let section = try #require(found)
        let width = reader.required("gate-width-nanoseconds", in: section,
                                    as: ConfigType.integer("a gate width in nanoseconds", in: 1...1_000_000).map { Nanoseconds(value: $0) })
        #expect(width == Nanoseconds(value: 5_000))
        #expect(finishErrors(&reader).isEmpty)
    }

    @Test func closestNameFindsTyposOnly() {
        #expect(ConfigReader.closest(to: "chp", among: ["chip", "name"]) == "chip")
        #expect(ConfigReader.closest(to: "activelow", among: ["active-low", "bias"]) == "active-low")
        #expect(ConfigReader.closest(to: "colour", among: ["chip", "name"]) == nil)
    }
}
