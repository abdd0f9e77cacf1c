import ConfigFile
import Experiments
import Testing
import Vocabulary

/// An experiment file's `[coincidences]` section: window (the default) or gate mode with its
/// side cycles, and each mistake named by file, line and field.
@Suite struct CoincidenceModeFileTests {
    /// The shipped bell-chsh without its coincidence window, plus `section`.
    func gateText(_ section: String, keepingWindow: Bool = false) throws -> String {
        let bell = try #require(ExperimentExamples.named("bell-chsh")).text
        let lines = bell.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { keepingWindow || !$0.hasPrefix("coincidence-window-ns") }
        return lines.joined(separator: "\n") + "\n" + section + "\n"
    }

    func parse(_ text: String) throws(ConfigErrors) -> ExperimentDefinition {
        try ExperimentDefinition.parse(text: text, fileName: "gate.experiment.toml")
    }

    func errors(_ text: String) -> [ConfigError] {
        do {
            _ = try parse(text)
            return []
        } catch {
            return error.errors
        }
    }

    /// The 1-based line of `text` that starts with `prefix`.
    func line(startingWith prefix: String, in text: String) -> Int {
        (text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix(prefix) } ?? -1) + 1
    }

    @Test func gateModeAndItsSideCyclesAreRead() throws {
        #expect(try parse(gateText("[coincidences]\nmode = \"gate\"\nside-cycles = 5")).timing.coincidenceMode == .gate(sideCycles: 5))
        #expect(try parse(gateText("[coincidences]\nmode = \"gate\"")).timing.coincidenceMode == .gate(sideCycles: 3))
        let bell = try #require(ExperimentExamples.named("bell-chsh")).text
        #expect(try parse(bell).timing.coincidenceMode == .window)
        #expect(try parse(bell + "\n[coincidences]\nmode = \"window\"\n").timing.coincidenceMode == .window)
        // The schedule carries the mode to the firmware.
        #expect(try parse(gateText("[coincidences]\nmode = \"gate\"\nside-cycles = 2")).schedule().timing.coincidenceMode
            == .gate(sideCycles: 2))
    }

    @Test func aWindowInGateModeIsRefusedOnItsLine() throws {
        let text = try gateText("[coincidences]\nmode = \"gate\"", keepingWindow: true)
        let found = errors(text)
        #expect(found.count == 1)
        #expect(found.first?.field == "timing.coincidence-window-ns")
        #expect(found.first?.line == line(startingWith: "coincidence-window-ns", in: text))
        #expect(found.first?.message.contains("expected no coincidence window in gate mode") == true)
    }

    @Test func sideCyclesOutsideOneToEightAreRefused() throws {
        for bad in ["0", "9", "-1", "\"three\""] {
            let text = try gateText("[coincidences]\nmode = \"gate\"\nside-cycles = \(bad)")
            let found = errors(text)
            #expect(found.count == 1, "side-cycles = \(bad): \(found)")
            #expect(found.first?.field == "coincidences.side-cycles", "\(bad)")
            #expect(found.first?.line == line(startingWith: "side-cycles", in: text), "\(bad)")
            #expect(found.first?.fileName == "gate.experiment.toml")
        }
    }

    @Test func sideCyclesInWindowModeAndAnUnknownModeAreRefused() throws {
        let bell = try #require(ExperimentExamples.named("bell-chsh")).text
        let windowText = bell + "\n[coincidences]\nmode = \"window\"\nside-cycles = 3\n"
        let window = errors(windowText)
        #expect(window.count == 1)
        #expect(window.first?.field == "coincidences.side-cycles")
        #expect(window.first?.message.contains("expected side-cycles only with mode = \"gate\"") == true)
        let unknownText = bell + "\n[coincidences]\nmode = \"cycle\"\n"
        let unknown = errors(unknownText)
        #expect(unknown.count == 1)
        #expect(unknown.first?.field == "coincidences.mode")
        #expect(unknown.first?.line == line(startingWith: "mode = \"cycle\"", in: unknownText))
        #expect(unknown.first?.message.contains("window") == true && unknown.first?.message.contains("gate") == true)
        // A misspelt mode is the one mistake: a file meant for gate mode (no window) is not also
        // told that its window is missing.
        let gate = try #require(ExperimentExamples.named("raspberry-pi-bbm92")).text
        let misspelt = gate.replacingOccurrences(of: "mode = \"gate\"", with: "mode = \"gated\"")
        #expect(misspelt != gate)
        let found = errors(misspelt)
        #expect(found.map(\.field) == ["coincidences.mode"], "\(found)")
    }
}
