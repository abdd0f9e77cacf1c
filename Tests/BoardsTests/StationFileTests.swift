import Boards
import ConfigFile
import Physics
import Testing

/// The station data file: the shipped one, and each rule broken on purpose, reported with file,
/// line and field.
@Suite struct StationFileTests {
    /// The shipped text with the value of `key` in `[section]` replaced, and the line it is on.
    static func edited(section: String, key: String, value: String) throws -> (text: String, line: Int) {
        var lines = StationDefinition.simulatedStationText.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let header = try #require(lines.firstIndex { $0.hasPrefix("[\(section)]") }, "no [\(section)]")
        let index = try #require(lines[(header + 1)...].firstIndex { $0.hasPrefix(key + " =") }, "no \(key) in [\(section)]")
        lines[index] = "\(key) = \(value)"
        return (lines.joined(separator: "\n"), index + 1)
    }

    @Test func theShippedStationCarriesTheLiteratureDefaults() throws {
        let station = try StationDefinition.simulatedStation
        let parameters = station.parameters
        #expect(station.name == "simulated-quantum-dot")
        #expect(parameters.validate().isEmpty)
        #expect(parameters.source == SourceParameters())
        #expect(parameters.armA == ArmParameters() && parameters.armB == ArmParameters())
        #expect(parameters.laser == LaserParameters())
        for detector in parameters.detectors {
            var expected = DetectorParameters()
            expected.mode = .gated
            #expect(detector == expected)
        }
        for table in [parameters.analyzerA, parameters.analyzerB] {
            #expect(table.basisSelectLineCount == 3)
            #expect(table.settingsByCode == [0: .horizontalVertical, 1: .diagonalAntidiagonal, 2: .rightLeft,
                                             3: .linear(degrees: 22.5), 4: .linear(degrees: 67.5),
                                             5: .linear(degrees: -22.5)])
        }
        #expect(station.fieldLines["detector.b-minus.mode"] != nil)
    }

    @Test(arguments: [
        ("arm.a", "efficiency", "-0.1", "arm.a.efficiency", "a probability in [0, 1], found -0.1"),
        ("source", "excitation-probability", "1.2", "source.excitation-probability", "a probability in [0, 1], found 1.2"),
        ("source", "exciton-lifetime-ps", "0", "source.exciton-lifetime-ps", "> 0, at most 1 000 000 ps, found 0.0"),
        ("detector.a-minus", "dead-time-ps", "-5", "detector.a-minus.dead-time-ps", "a dead time 0 … 1 000 000 000 ps, found -5"),
        ("detector.b-plus", "mode", "\"sometimes\"", "detector.b-plus.mode", "one of: gated, free-running"),
        ("detector.b-minus", "dark-count-rate-per-s", "\"many\"", "detector.b-minus.dark-count-rate-per-s", "found string"),
        ("laser", "timing-jitter-rms-ps", "-1", "laser.timing-jitter-rms-ps", "a number 0 … 1 000 000 ps, found -1.0"),
        ("analyzer.b.code", "1", "\"XY\"", "analyzer.b.code.1", "a basis name"),
        ("analyzer.a", "lines", "9", "analyzer.a.lines", "a line count from 1 to 8"),
    ])
    func badValueIsRejectedWithFileLineAndField(section: String, key: String, value: String, field: String,
                                                message: String) throws {
        let (text, line) = try Self.edited(section: section, key: key, value: value)
        let error = #expect(throws: ConfigErrors.self) { try StationDefinition.parse(text: text, fileName: "lab.station.toml") }
        let first = try #require(error?.first)
        #expect(first.fileName == "lab.station.toml")
        #expect(first.line == line, "\(first)")
        #expect(first.field == field, "\(first)")
        #expect(first.message.contains(message), "\(first)")
        #expect(error?.description.hasPrefix("lab.station.toml:\(line): \(field): ") == true)
    }

    /// A code the arm's three basis-select lines cannot show (9 > 7) is an unknown basis code.
    @Test func basisCodeBeyondTheLinesIsRejected() throws {
        let text = StationDefinition.simulatedStationText.replacingOccurrences(
            of: "5 = \"linear:-22.5\"\n\n[analyzer.b]", with: "5 = \"linear:-22.5\"\n9 = \"HV\"\n\n[analyzer.b]")
        let error = #expect(throws: ConfigErrors.self) { try StationDefinition.parse(text: text, fileName: "s.toml") }
        let first = try #require(error?.first)
        #expect(first.field == "analyzer.a.code.9", "\(first)")
        #expect(first.message.contains("a code from 0 to 7"), "\(first)")
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0 == "9 = \"HV\"" }.map { $0 + 1 }
        #expect(first.line == line)
    }

    @Test func typosMissingKeysAndNonNumericCodesAreReported() throws {
        var text = StationDefinition.simulatedStationText
        text = text.replacingOccurrences(of: "entangled-fraction = 0.95", with: "entangeled-fraction = 0.95")
        text = text.replacingOccurrences(of: "0 = \"HV\"\n1 = \"DA\"\n2 = \"RL\"\n3 = \"linear:22.5\"\n4 = \"linear:67.5\"\n5 = \"linear:-22.5\"\n\n[analyzer.b]",
                                         with: "zero = \"HV\"\n\n[analyzer.b]")
        let error = #expect(throws: ConfigErrors.self) { try StationDefinition.parse(text: text, fileName: "s.toml") }
        let messages = error?.errors.map(\.description) ?? []
        let sourceLine = try #require(text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0 == "[source]" }) + 1
        #expect(messages.contains { $0.contains("s.toml:\(sourceLine): source.entangled-fraction: expected a probability, found no \"entangled-fraction\" key") },
                "\(messages)")
        #expect(messages.contains { $0.contains("source.entangeled-fraction: expected one of the keys") && $0.contains("found unknown key") && $0.contains("did you mean \"entangled-fraction\"") },
                "\(messages)")
        #expect(messages.contains { $0.contains("analyzer.a.code.zero: expected a basis code") }, "\(messages)")
        #expect(messages.contains { $0.contains("analyzer.a.code: expected at least one basis code") }, "\(messages)")
    }

    @Test func anUnreadableFileNamesItsPath() {
        let error = #expect(throws: ConfigErrors.self) { try StationDefinition.load(contentsOf: "/no/such.station.toml") }
        #expect(error?.first.description.hasPrefix("/no/such.station.toml: file: expected a readable .station.toml file, found No such file or directory") == true)
    }
}
