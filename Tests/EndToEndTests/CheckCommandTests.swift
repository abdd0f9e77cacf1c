import Boards
import Foundation
import Testing

/// `qdot check` on station files, and experiments checked against a station's basis table.
@Suite struct CheckCommandTests {
    func write(_ text: String, as name: String, in dir: URL) throws -> String {
        let path = dir.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func aBadStationFileIsRefusedWithItsLineAndField() throws {
        let dir = try QdotProcess.temporaryDirectory()
        let text = StationDefinition.simulatedStationText
            .replacingOccurrences(of: "excitation-probability = 0.9 ", with: "excitation-probability = 1.3 ")
        let path = try write(text, as: "bad.station.toml", in: dir)
        let line = try #require(text.components(separatedBy: "\n").firstIndex { $0.hasPrefix("excitation-probability") }) + 1
        let run = try QdotProcess.run(["check", path], in: dir)
        #expect(run.exitCode == 2)
        #expect(run.standardError.contains("bad.station.toml:\(line): source.excitation-probability"), "\(run.standardError)")
    }

    @Test func anExperimentWhoseCodesTheStationReadsDifferentlyIsRefused() throws {
        let dir = try QdotProcess.temporaryDirectory()
        // Swap what codes 0 and 1 mean on arm B in the station: the bell-chsh file's HV/DA codes no longer match.
        let text = StationDefinition.simulatedStationText
        let section = try #require(text.range(of: "[analyzer.b.code]"))
        var tail = String(text[section.upperBound...])
        tail = tail.replacingOccurrences(of: "0 = \"HV\"", with: "0 = \"SWAP\"")
            .replacingOccurrences(of: "1 = \"DA\"", with: "1 = \"HV\"")
            .replacingOccurrences(of: "0 = \"SWAP\"", with: "0 = \"DA\"")
        let station = try write(String(text[..<section.upperBound]) + tail, as: "swapped.station.toml", in: dir)
        let experiments = try QdotProcess.run(["experiments", "--show", "bell-chsh"], in: dir)
        let experiment = try write(experiments.standardOutput, as: "bell.experiment.toml", in: dir)

        let run = try QdotProcess.run(["check", "--station", station, experiment], in: dir)
        #expect(run.exitCode == 2)
        #expect(run.standardError.contains("analyzer.b code 0"), "\(run.standardError)")
        let fine = try QdotProcess.run(["check", experiment], in: dir)
        #expect(fine.exitCode == 0, "\(fine.standardError)")
    }
}
