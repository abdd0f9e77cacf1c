import Boards
import ConfigFile
import Foundation
import HAL
import Testing

/// Timing profiles as data: the shipped files, the mistakes a hand-written one can make (each
/// named by file, line and field), and how a board file finds the profile it names.
@Suite struct TimingProfileFileTests {
    /// The repository's `Board/profiles` folder (this file is Tests/BoardsTests/…).
    static let profilesFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Board/profiles").path

    /// The Raspberry Pi 4's file, the base every broken profile below is made from.
    static func pi4Text() throws -> String {
        try String(contentsOfFile: profilesFolder + "/raspberry-pi-4.profile.toml", encoding: .utf8)
    }

    /// The errors parsing `text` gives (empty if it parses).
    private func errors(_ text: String) -> [ConfigError] {
        do {
            _ = try TimingProfile.parse(text: text, fileName: "mine.profile.toml")
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

    /// `text` with the first line starting with `key =` given `value` instead (its comment kept off).
    private func setting(_ key: String, to value: String, in text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasPrefix(key + " ") || line.hasPrefix(key + "=") ? "\(key) = \(value)" : String(line)
        }.joined(separator: "\n")
    }

    /// The 1-based line of the first line of `text` starting with `prefix`.
    private func line(startingWith prefix: String, in text: String) -> Int {
        (text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix(prefix) } ?? -1) + 1
    }

    @Test func everyShippedProfileParsesAndStampsLateAndNeedsSomePulseWidth() throws {
        #expect(TimingProfile.builtInNames == ["ideal", "raspberry-pi-4", "raspberry-pi-5", "beaglebone-black"])
        for name in TimingProfile.builtInNames {
            let profile = try #require(try TimingProfile.builtIn(name), "\(name)")
            #expect(profile.name == name)
            let stamp = profile.edgeStampLatency
            #expect(stamp.maximum >= stamp.minimum && profile.wakeLatency.maximum >= profile.wakeLatency.minimum, "\(name)")
            #expect(profile.lineWriteLatency <= profile.lineWriteCost, "\(name): the simulated board refuses a write landing after its call")
            if name == "ideal" {
                #expect(profile == .ideal)
                continue
            }
            #expect(stamp.minimum > .zero && stamp.tailMean > .zero && stamp.maximum > stamp.minimum, "\(name): \(stamp)")
            #expect(profile.shortestPulse > .zero, "\(name)")
            #expect(profile.edgeEventsPerLine == 16, "\(name): Linux's default event buffer")
            // The built-in copy is the file in Board/profiles, byte for byte in effect.
            #expect(try TimingProfile.load(contentsOf: Self.profilesFolder + "/\(name).profile.toml") == profile, "\(name)")
        }
        #expect(try TimingProfile.builtIn("raspberry-pi-6") == nil)
    }

    /// The Pi 4's figures as the file gives them (a typo in the file would change a simulated
    /// Pi's budget silently).
    @Test func theRaspberryPi4ProfileSaysWhatItsFileSays() throws {
        let profile = try #require(try TimingProfile.builtIn("raspberry-pi-4"))
        #expect(profile == TimingProfile(
            name: "raspberry-pi-4", lineWriteCost: .nanoseconds(1_200), lineWriteLatency: .nanoseconds(900),
            edgeReadCost: .nanoseconds(2_000), edgeReadCostPerEvent: .nanoseconds(150), lineReadCost: .nanoseconds(1_000),
            clockReadCost: .nanoseconds(60),
            wakeLatency: LatencyDistribution(minimum: .nanoseconds(8_000), tailMean: .nanoseconds(4_000), maximum: .nanoseconds(100_000)),
            edgeStampLatency: LatencyDistribution(minimum: .nanoseconds(2_000), tailMean: .nanoseconds(1_000), maximum: .nanoseconds(50_000)),
            edgeEventsPerLine: 16, shortestPulse: .nanoseconds(20)))
    }

    @Test func aMissingSectionIsNamedWithItsFile() throws {
        let text = try Self.pi4Text()
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let start = try #require(lines.firstIndex(of: "[line-read]"))
        lines.removeSubrange(start..<(start + 3))   // the header, its key and the blank line after
        let error = try #require(onlyError(lines.joined(separator: "\n")))
        #expect(error.fileName == "mine.profile.toml")
        #expect(error.field == "line-read")
        #expect(error.line != nil)
        #expect(error.message == "expected a [line-read] section, found none")
    }

    @Test func aMissingKeyIsNamedOnceAtItsSection() throws {
        let text = try Self.pi4Text()
        let without = text.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("latency-maximum-ns") }.joined(separator: "\n")
        let error = try #require(onlyError(without))
        #expect(error.field == "edge-stamp.latency-maximum-ns")
        #expect(error.line == line(startingWith: "[edge-stamp]", in: text))
    }

    @Test func aNegativeTimeNamesItsLineAndField() throws {
        let text = try Self.pi4Text()
        let error = try #require(onlyError(setting("latency-minimum-ns", to: "-2000", in: text)))
        #expect(error.fileName == "mine.profile.toml")
        #expect(error.line == line(startingWith: "latency-minimum-ns", in: text))
        #expect(error.field == "edge-stamp.latency-minimum-ns")
        #expect(error.message.contains("a time in nanoseconds, 0 … 1 000 000 000 ns") && error.message.contains("-2000"), "\(error.message)")
        // A negative maximum is one mistake, not also a maximum "below the minimum".
        let maximum = try #require(onlyError(setting("latency-maximum-ns", to: "-1", in: text)))
        #expect(maximum.field == "edge-stamp.latency-maximum-ns")
        #expect(maximum.line == line(startingWith: "latency-maximum-ns", in: text))
    }

    @Test func aMaximumBelowItsMinimumNamesBoth() throws {
        let text = try Self.pi4Text()
        let stamp = try #require(onlyError(setting("latency-maximum-ns", to: "1500", in: text)))
        #expect(stamp.description == "mine.profile.toml:\(line(startingWith: "latency-maximum-ns", in: text)): "
            + "edge-stamp.latency-maximum-ns: expected a maximum ≥ the minimum 2000 ns, found 1500 ns")
        let wake = try #require(onlyError(setting("maximum-ns", to: "10", in: text)))
        #expect(wake.field == "wake-latency.maximum-ns")
        #expect(wake.line == line(startingWith: "maximum-ns", in: text))
        #expect(wake.message.hasPrefix("expected a maximum ≥ the minimum 8000 ns, found 10 ns"))
    }

    /// The simulated board lands a write within its call; a profile whose write latency exceeds
    /// its write cost trapped `qdot sim` (a precondition in the board) after `qdot check` took it.
    @Test func aWriteLatencyBeyondTheWriteCostIsAFieldError() throws {
        let text = try Self.pi4Text()
        let error = try #require(onlyError(setting("cost-ns", to: "0", in: text)))
        #expect(error.description == "mine.profile.toml:\(line(startingWith: "latency-ns", in: text)): line-write.latency-ns: "
            + "expected at most the write's cost-ns 0 ns (a write lands before its call returns), found 900 ns")
        #expect(errors(setting("latency-ns", to: "1200", in: text)).isEmpty, "equal to the cost is allowed")
    }

    @Test func aBadEventsPerLineNamesItsLineAndField() throws {
        let text = try Self.pi4Text()
        for bad in ["0", "-16", "100000", "\"sixteen\"", "16.5"] {
            let error = try #require(onlyError(setting("events-per-line", to: bad, in: text)), "events-per-line = \(bad)")
            #expect(error.line == line(startingWith: "events-per-line", in: text), "\(bad)")
            #expect(error.field == "edge-stamp.events-per-line", "\(bad)")
            #expect(error.fileName == "mine.profile.toml")
        }
    }

    @Test func everyMistakeIsReportedInLineOrder() throws {
        var text = try Self.pi4Text()
        text = setting("cost-per-event-ns", to: "-150", in: text)
        text = setting("latency-maximum-ns", to: "100", in: text)
        text = setting("events-per-line", to: "0", in: text)
        let found = errors(text)
        #expect(found.map(\.field) == ["edge-read.cost-per-event-ns", "edge-stamp.latency-maximum-ns", "edge-stamp.events-per-line"])
    }

    // MARK: resolve

    /// A board file names a profile file relative to its own folder; `resolve` reads it from there.
    @Test func aProfileFileIsReadRelativeToTheBoardFilesFolder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qdot-profiles-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("measured"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var text = try Self.pi4Text()
        text = setting("name", to: "\"lab2-pi4-measured\"", in: text)
        text = setting("latency-tail-mean-ns", to: "1700", in: text)
        try text.write(to: folder.appendingPathComponent("measured/lab2.profile.toml"), atomically: true, encoding: .utf8)

        let relative = try TimingProfile.resolve("measured/lab2.profile.toml", relativeTo: folder.path)
        #expect(relative.name == "lab2-pi4-measured")
        #expect(relative.edgeStampLatency.tailMean == .nanoseconds(1_700))
        // An absolute path is taken as it is, wherever the board file is.
        let absolute = try TimingProfile.resolve(folder.path + "/measured/lab2.profile.toml", relativeTo: "/nonexistent")
        #expect(absolute == relative)
        // A built-in name wins without touching the folder.
        #expect(try TimingProfile.resolve("raspberry-pi-5", relativeTo: folder.path).name == "raspberry-pi-5")

        // A board file in that folder naming the profile gets it, and its click resolution follows
        // the measured tail: τ·ln 100 = 1700 · 4.60517 = 7828.8 ns.
        let board = BoardDefinition.simulatedStationText.replacingOccurrences(
            of: "timing-profile = \"ideal\"", with: "timing-profile = \"measured/lab2.profile.toml\"")
        let boardPath = folder.appendingPathComponent("station.board.toml").path
        try board.write(toFile: boardPath, atomically: true, encoding: .utf8)
        let definition = try BoardDefinition.load(contentsOf: boardPath)
        #expect(definition.timingProfile == relative)
        #expect(definition.clickResolution?.picoseconds == Int64((1_700 * log(100.0) * 1_000).rounded(.up)))

        // A broken profile file is reported with its own path and line.
        try setting("events-per-line", to: "0", in: text)
            .write(to: folder.appendingPathComponent("measured/lab2.profile.toml"), atomically: true, encoding: .utf8)
        let broken = #expect(throws: ConfigErrors.self) { try TimingProfile.resolve("measured/lab2.profile.toml", relativeTo: folder.path) }
        #expect(broken?.first.fileName == folder.path + "/measured/lab2.profile.toml")
        #expect(broken?.first.field == "edge-stamp.events-per-line")
        #expect(broken?.first.line == line(startingWith: "events-per-line", in: text))
    }

    @Test func aNameThatIsNeitherBuiltInNorAProfileFileIsRefused() throws {
        let unknown = #expect(throws: ConfigErrors.self) { try TimingProfile.resolve("raspberry-pi-6", relativeTo: "/tmp") }
        #expect(unknown?.first.message == "no timing profile named raspberry-pi-6; expected one of ideal, raspberry-pi-4, "
            + "raspberry-pi-5, beaglebone-black or a .profile.toml file")
        let wrongSuffix = #expect(throws: ConfigErrors.self) { try TimingProfile.resolve("lab2.toml", relativeTo: "/tmp") }
        #expect(wrongSuffix?.first.message.hasPrefix("no timing profile named lab2.toml") == true)
        let missing = #expect(throws: ConfigErrors.self) {
            try TimingProfile.resolve("nowhere-\(UUID().uuidString).profile.toml", relativeTo: "/tmp")
        }
        #expect(missing?.first.message.hasPrefix("expected a readable .profile.toml file, found No such file or directory") == true)
        #expect(missing?.first.fileName.hasPrefix("/tmp/nowhere-") == true)
    }
}
