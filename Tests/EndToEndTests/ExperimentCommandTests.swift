import Foundation
import Testing

/// `qdot sim --experiment`, `qdot analyze`, `qdot check`, `qdot experiments`: the real
/// executable, its files, its exit codes and a real signal.
@Suite struct ExperimentCommandTests {
    @Test func experimentRunWritesResultFiguresAndARecordThatAnalyzeReproduces() throws {
        let dir = try QdotProcess.temporaryDirectory()
        let file = try QdotProcess.writeExample("bell-chsh", cyclesPerSetting: 2_000, in: dir)
        let run = try QdotProcess.run(["sim", "--experiment", file], in: dir)
        #expect(run.exitCode == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("CHSH S"))
        let result = try JSONObject.read("qdot-result.json", in: dir)
        let findings = try #require(result["findings"] as? [String: Any])
        let figures = try #require(findings["figures"] as? [[String: Any]])
        #expect(figures.contains { $0["key"] as? String == "chsh-s" && $0["method"] != nil && $0["standardError"] != nil })
        #expect((result["experiment"] as? [String: Any])?["kind"] as? String == "bell-chsh")
        let svg = try String(contentsOf: dir.appendingPathComponent("qdot-result.correlation.svg"), encoding: .utf8)
        #expect(svg.hasPrefix("<svg") && svg.hasSuffix("</svg>\n"))

        let analyze = try QdotProcess.run(["analyze", "qdot-run.qdotrec", "--output", "offline.json"], in: dir)
        #expect(analyze.exitCode == 0, "\(analyze.standardError)")
        let offline = try JSONObject.read("offline.json", in: dir)
        #expect(NSDictionary(dictionary: offline).isEqual(to: findings))
    }

    @Test func sigtermStopsTheRunSafelyAndWritesEverythingMarkedIncomplete() throws {
        let dir = try QdotProcess.temporaryDirectory()
        let file = try QdotProcess.writeExample("bbm92", cyclesPerSetting: 50_000_000, in: dir)
        let qdot = try RunningProcess(QdotProcess.executable, ["sim", "--experiment", file], in: dir)
        let partial = dir.appendingPathComponent("qdot-run.qdotrec.partial").path
        _ = qdot.wait(seconds: 30) { FileManager.default.fileExists(atPath: partial) }
        Thread.sleep(forTimeInterval: 0.5)
        kill(qdot.process.processIdentifier, SIGTERM)
        #expect(qdot.waitForExit(seconds: 60))
        #expect(qdot.process.terminationReason == .exit)
        #expect(qdot.process.terminationStatus == 4)
        let report = try #require(try JSONObject.read("qdot-result.json", in: dir)["report"] as? [String: Any])
        #expect(report["complete"] as? Bool == false)
        #expect(report["stopReason"] as? String == "stop requested")
        #expect(report["finalState"] as? String == "idle")   // driveSafe succeeded: outputs at their safe levels
        let cyclesRun = try #require(report["cyclesRun"] as? Int)
        #expect(cyclesRun > 0 && cyclesRun < 50_000_000)
        let analyze = try QdotProcess.run(["analyze", "qdot-run.qdotrec"], in: dir)
        #expect(analyze.exitCode == 0, "\(analyze.standardError)")
        #expect(analyze.standardOutput.contains("\(cyclesRun) cycles — INCOMPLETE run"))
    }

    @Test func checkReportsEveryBadFileWithFileLineAndField() throws {
        let dir = try QdotProcess.temporaryDirectory()
        let good = try QdotProcess.writeExample("g2", cyclesPerSetting: 10, in: dir)
        let text = try String(contentsOfFile: good, encoding: .utf8)
            .replacingOccurrences(of: "coincidence-window-ns = 5 ", with: "coincidence-window-ns = 5000 ")
        let bad = dir.appendingPathComponent("bad.experiment.toml").path
        try text.write(toFile: bad, atomically: true, encoding: .utf8)
        let run = try QdotProcess.run(["check", good, bad], in: dir)
        #expect(run.exitCode == 2)
        #expect(run.standardOutput.contains("ok    \(good)"))
        let lineOfWindow = try #require(text.components(separatedBy: "\n").firstIndex { $0.hasPrefix("coincidence-window-ns") }) + 1
        #expect(run.standardError.contains("bad.experiment.toml:\(lineOfWindow): timing.coincidence-window-ns: expected a coincidence window no wider than the gate 2000 ns, found 5000 ns"),
                "\(run.standardError)")
        let ok = try QdotProcess.run(["check", good], in: dir)
        #expect(ok.exitCode == 0)
    }

    @Test func experimentsListsOneExamplePerKind() throws {
        let run = try QdotProcess.run(["experiments"], in: try QdotProcess.temporaryDirectory())
        #expect(run.exitCode == 0)
        for name in ["bell-chsh", "tomography-16", "tomography-36", "bbm92", "g2", "gate-delay-scan"] {
            #expect(run.standardOutput.contains(name))
        }
    }

    @Test func aCorruptedRecordIsRefusedWithItsByteOffset() throws {
        let dir = try QdotProcess.temporaryDirectory()
        try Data("QDOTRUN\0junk".utf8).write(to: dir.appendingPathComponent("bad.qdotrec"))
        let run = try QdotProcess.run(["analyze", "bad.qdotrec"], in: dir)
        #expect(run.exitCode == 6)   // a run record that cannot be read
        #expect(run.standardError.contains("bad.qdotrec: byte offset 12"), "\(run.standardError)")
    }
}
