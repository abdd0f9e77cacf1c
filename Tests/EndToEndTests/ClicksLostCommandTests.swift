import Foundation
import Testing

/// A run that completes but loses clicks on the way ends with exit 7, not 0: its counts and figures
/// undercount, and a script that takes exit 0 as "certified" must not take them. (Before, such a
/// run printed FAULT lines and exited 0.)
@Suite struct ClicksLostCommandTests {
    /// The shipped station with every detector free-running at 2·10⁷ dark counts/s: on the simulated
    /// Raspberry Pi 4, whose kernel keeps 16 edge events per line, a 10 µs cycle brings ~200 edges
    /// per detector, so the kernel's buffers overflow (edges lost) and so does the analysis ring.
    static func floodedStation(in directory: URL) throws -> String {
        let shipped = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Board/simulated.station.toml")
        let text = try String(contentsOf: shipped, encoding: .utf8)
            .replacingOccurrences(of: "dark-count-rate-per-s = 100\n", with: "dark-count-rate-per-s = 20000000\n")
            .replacingOccurrences(of: "mode = \"gated\"", with: "mode = \"free-running\"")
        let path = directory.appendingPathComponent("flooded.station.toml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func aCompletedExperimentThatLostClicksIsExit7WithTheLossNamed() throws {
        let dir = try QdotProcess.temporaryDirectory()
        let station = try Self.floodedStation(in: dir)
        let experiment = try QdotProcess.writeExample("raspberry-pi-bell-chsh", cyclesPerSetting: 100, in: dir)
        let run = try QdotProcess.run(["sim", "--board", "simulated-raspberry-pi-4", "--experiment", experiment,
                                       "--station", station, "--no-record", "--output", "flooded.json"], in: dir)
        #expect(run.exitCode == 7, "\(run.standardError)")
        #expect(run.standardOutput.contains("edges lost by the backend"), "\(run.standardOutput)")
        let result = try JSONObject.read("flooded.json", in: dir)
        let report = try #require(result["report"] as? [String: Any])
        #expect(report["complete"] as? Bool == true)
        #expect((report["lostEdges"] as? Int ?? 0) > 0)
        #expect((result["faults"] as? [String])?.contains { $0.hasSuffix("edges lost by the backend") } == true)
    }

    @Test func aCompletedPlainRunThatLostEdgesIsExit7() throws {
        let dir = try QdotProcess.temporaryDirectory()
        let station = try Self.floodedStation(in: dir)
        let run = try QdotProcess.run(["sim", "--board", "simulated-raspberry-pi-4", "--station", station,
                                       "--cycles", "200", "--output", "plain.json"], in: dir)
        #expect(run.exitCode == 7, "\(run.standardOutput)\n\(run.standardError)")
        let report = try #require(try JSONObject.read("plain.json", in: dir)["report"] as? [String: Any])
        #expect(report["complete"] as? Bool == true)
        #expect((report["lostEdges"] as? Int ?? 0) > 0)
    }

    @Test func theShippedStationLosesNothingAndExits0() throws {
        let dir = try QdotProcess.temporaryDirectory()
        let experiment = try QdotProcess.writeExample("raspberry-pi-bell-chsh", cyclesPerSetting: 500, in: dir)
        let run = try QdotProcess.run(["sim", "--board", "simulated-raspberry-pi-4", "--experiment", experiment,
                                       "--no-record", "--output", "clean.json"], in: dir)
        #expect(run.exitCode == 0, "\(run.standardError)")
        #expect(!run.standardOutput.contains("FAULT"))
    }
}
