import Foundation
import Testing

/// A crash's record is not lost: `qdot sim --experiment bbm92` killed with SIGKILL leaves a
/// `.partial` record that already holds its clicks (the writer's flush age), which plain
/// `qdot analyze` refuses with a pointer to `--salvage`, and `qdot analyze --salvage` analyses.
@Suite struct SalvageCommandTests {
    @Test func aKilledRunsPartialRecordIsSalvagedWithItsQBER() throws {
        let dir = try QdotProcess.temporaryDirectory()
        let file = try QdotProcess.writeExample("bbm92", cyclesPerSetting: 50_000_000, in: dir)

        let qdot = try RunningProcess(QdotProcess.executable, ["sim", "--experiment", file], in: dir)
        let partial = dir.appendingPathComponent("qdot-run.qdotrec.partial").path
        func size() -> Int { (try? FileManager.default.attributesOfItem(atPath: partial)[.size] as? Int) ?? 0 }
        // The header is written at once; clicks follow within the flush age (1 s), long before the
        // one-mebibyte buffer fills. Wait for some 2 000 clicks on disk.
        _ = qdot.wait(seconds: 60) { size() >= 50_000 || !qdot.process.isRunning }
        #expect(qdot.process.isRunning)
        kill(qdot.process.processIdentifier, SIGKILL)
        #expect(qdot.waitForExit(seconds: 60))
        #expect(qdot.process.terminationReason == .uncaughtSignal && qdot.process.terminationStatus == SIGKILL)
        #expect(size() >= 50_000)
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("qdot-run.qdotrec").path))

        let refused = try QdotProcess.run(["analyze", "qdot-run.qdotrec.partial"], in: dir)
        #expect(refused.exitCode == 6)   // a run record that cannot be read
        // Killed between two writes the file ends after a whole block ("no end record"); killed
        // inside a write(2) of the buffer it may end inside one ("truncated"), or between a flush's
        // records and the rewrite of their block's header, before bytes no header counts ("block
        // magic expected"). Each is refused.
        #expect(["no end record", "truncated", "block magic expected"].contains { refused.standardError.contains($0) },
                "\(refused.standardError)")
        #expect(refused.standardError.contains("qdot analyze --salvage qdot-run.qdotrec.partial"), "\(refused.standardError)")

        let salvaged = try QdotProcess.run(["analyze", "--salvage", "qdot-run.qdotrec.partial", "--output", "salvaged.json"],
                                           in: dir)
        #expect(salvaged.exitCode == 0, "\(salvaged.standardError)")
        #expect(salvaged.standardOutput.contains("INCOMPLETE, SALVAGED"))
        #expect(salvaged.standardOutput.contains("a LOWER bound"))
        #expect(salvaged.standardOutput.contains("QBER, H/V basis") && salvaged.standardOutput.contains("QBER, D/A basis"))
        #expect(salvaged.standardOutput.contains("left out: secret-key-rate"))

        let json = try JSONObject.read("salvaged.json", in: dir)
        let info = try #require(json["salvage"] as? [String: Any])
        #expect(info["status"] as? String == "INCOMPLETE, SALVAGED")
        #expect(info["complete"] as? Bool == false && info["salvaged"] as? Bool == true)
        let atLeast = try #require(info["cyclesRunAtLeast"] as? Int), analysed = try #require(info["cyclesAnalysed"] as? Int)
        #expect(analysed > 0 && atLeast == analysed + 1)
        let figures = try #require(json["figures"] as? [[String: Any]])
        for key in ["qber-hv", "qber-da"] {
            let figure = try #require(figures.first { $0["key"] as? String == key })
            let value = try #require(figure["value"] as? Double), error = try #require(figure["standardError"] as? Double)
            // The built-in station's QBERs are a few percent (docs: 0.032/0.040 on long runs).
            #expect(value > 0 && value < 0.15 && error > 0, "\(key) \(value) ± \(error)")
        }
        #expect(!figures.contains { $0["key"] as? String == "secret-key-rate" })
    }
}
