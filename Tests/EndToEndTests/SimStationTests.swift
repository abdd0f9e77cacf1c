import Boards
import Foundation
import Testing

/// `qdot sim` with the physics station: station files, the stand-in, what the result records.
@Suite struct SimStationTests {
    @Test func defaultRunUsesTheBuiltInPhysicsStation() throws {
        let dir = try QdotProcess.temporaryDirectory()
        let run = try QdotProcess.run(["sim", "--cycles", "4000"], in: dir)
        #expect(run.exitCode == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("simulated-quantum-dot"))
        #expect(run.standardOutput.contains("click causes"))
        let result = try JSONObject.read("qdot-result.json", in: dir)
        let station = try #require(result["station"] as? [String: Any])
        #expect(station["source"] as? String == "physics")
        // The physics stream that drew the run (docs/physics-stream.md): a seed reproduces it only under v2.
        #expect(station["physicsStream"] as? Int == 2)
        let physics = try #require(result["physics"] as? [String: Any])
        #expect(physics["laserPulses"] as? Int == 4000)
        #expect(physics["pulsesWithAnalyzerUnset"] as? Int == 0)
    }

    @Test func standInSourceStaysAvailable() throws {
        let dir = try QdotProcess.temporaryDirectory()
        let run = try QdotProcess.run(["sim", "--cycles", "2000", "--source", "stand-in", "--click-probability", "0"], in: dir)
        #expect(run.exitCode == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("singles       A+ 0  A- 0  B+ 0  B- 0"))
        let result = try JSONObject.read("qdot-result.json", in: dir)
        #expect((result["station"] as? [String: Any])?["source"] as? String == "stand-in")
        #expect((result["station"] as? [String: Any])?["physicsStream"] == nil)
        #expect(result["physics"] == nil)
    }

    @Test func badStationFileIsRefusedWithFileLineAndField() throws {
        let dir = try QdotProcess.temporaryDirectory()
        let text = StationDefinition.simulatedStationText.replacingOccurrences(
            of: "excitation-probability = 0.9 ", with: "excitation-probability = 1.9 ")
        #expect(text != StationDefinition.simulatedStationText)
        let url = dir.appendingPathComponent("bad.station.toml")
        try text.write(to: url, atomically: true, encoding: .utf8)
        let line = try #require(text.split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.hasPrefix("excitation-probability = 1.9") }) + 1
        let run = try QdotProcess.run(["sim", "--cycles", "10", "--station", url.path], in: dir)
        #expect(run.exitCode == 2)
        #expect(run.standardError.contains("bad.station.toml:\(line): source.excitation-probability: expected a probability in [0, 1], found 1.9"),
                "\(run.standardError)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("qdot-result.json").path))
    }

    @Test func stationTableThatDoesNotFitTheBoardIsRefused() throws {
        let dir = try QdotProcess.temporaryDirectory()
        let text = StationDefinition.simulatedStationText.replacingOccurrences(
            of: "lines = 3                           # must match the board's basis-b-* lines", with: "lines = 2")
        let url = dir.appendingPathComponent("two-lines.station.toml")
        try text.write(to: url, atomically: true, encoding: .utf8)
        let run = try QdotProcess.run(["sim", "--cycles", "10", "--station", url.path], in: dir)
        #expect(run.exitCode == 2, "\(run.standardError)")
        // Codes 4 and 5 do not fit two lines: the loader already refuses them, with their lines.
        #expect(run.standardError.contains("two-lines.station.toml:"), "\(run.standardError)")
        #expect(run.standardError.contains("analyzer.b.code.4"), "\(run.standardError)")
    }
}
