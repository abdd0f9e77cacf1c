import Boards
import Foundation
import Testing

/// `qdot sim` end to end: the real executable, its files and its exit codes.
@Suite struct SimCommandTests {
    @Test func defaultRunWritesItsResultAndSummary() throws {
        let dir = try QdotProcess.temporaryDirectory()
        let run = try QdotProcess.run(["sim", "--cycles", "20000", "--vcd", "trace.vcd"], in: dir)
        #expect(run.exitCode == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("cycles        20000 of 20000"))
        #expect(run.standardOutput.contains("real time"))
        let result = try JSONObject.read("qdot-result.json", in: dir)
        let report = try #require(result["report"] as? [String: Any])
        #expect(report["cyclesRun"] as? Int == 20000)
        #expect(report["complete"] as? Bool == true)
        #expect((result["software"] as? [String: Any])?["version"] as? String != nil)
        #expect(result["seed"] as? Int == 1)
        let vcd = try String(contentsOf: dir.appendingPathComponent("trace.vcd"), encoding: .utf8)
        #expect(vcd.contains("$var wire 1") && vcd.contains("TRIGGER"))
    }

    @Test func sameSeedSameResultApartFromWallClock() throws {
        let dir = try QdotProcess.temporaryDirectory()
        for name in ["a.json", "b.json"] {
            let run = try QdotProcess.run(["sim", "--cycles", "5000", "--seed", "99", "--output", name], in: dir)
            #expect(run.exitCode == 0)
        }
        var a = try JSONObject.read("a.json", in: dir), b = try JSONObject.read("b.json", in: dir)
        #expect(a["wallClock"] != nil)
        a["wallClock"] = nil
        b["wallClock"] = nil
        #expect(NSDictionary(dictionary: a).isEqual(to: b))
        let other = try QdotProcess.run(["sim", "--cycles", "5000", "--seed", "100", "--output", "c.json"], in: dir)
        #expect(other.exitCode == 0)
        var c = try JSONObject.read("c.json", in: dir)
        c["wallClock"] = nil
        #expect(!NSDictionary(dictionary: a).isEqual(to: c))
    }

    @Test func interlockOpeningMidRunStopsAndStillWritesTheResult() throws {
        let dir = try QdotProcess.temporaryDirectory()
        let run = try QdotProcess.run(["sim", "--cycles", "100000", "--interlock-opens-at", "0.25"], in: dir)
        #expect(run.exitCode == 4)
        #expect(run.standardOutput.contains("INCOMPLETE: interlock opened"))
        let report = try #require(try JSONObject.read("qdot-result.json", in: dir)["report"] as? [String: Any])
        #expect(report["complete"] as? Bool == false)
        #expect(report["stopReason"] as? String == "interlock opened")
        // 10 µs cycles from 10 µs: the opening at 0.25 s falls in cycle 24 999, the last to run.
        #expect(report["cyclesRun"] as? Int == 24_999)
        #expect((report["finalState"] as? String)?.hasPrefix("safe") == true)
    }

    @Test func experimentRunsTakeTheTraceAndFaultOptionsToo() throws {
        let dir = try QdotProcess.temporaryDirectory()
        let run = try QdotProcess.run(["sim", "--experiment", "g2", "--vcd", "g2.vcd", "--interlock-opens-at", "0.05",
                                       "--no-record"], in: dir)
        #expect(run.exitCode == 4, "\(run.standardError)")
        #expect(run.standardOutput.contains("INCOMPLETE: interlock opened"))
        let vcd = try String(contentsOf: dir.appendingPathComponent("g2.vcd"), encoding: .utf8)
        #expect(vcd.contains("$enddefinitions") && vcd.contains("TRIGGER"))
        let report = try #require(try JSONObject.read("qdot-result.json", in: dir)["report"] as? [String: Any])
        #expect(report["complete"] as? Bool == false)
        // g2 runs 10 µs cycles from 10 µs: the opening at 50 ms falls in cycle 4 999, the last to run.
        #expect(report["cyclesRun"] as? Int == 4_999)
    }

    /// The built-in board with one edit, written to a file.
    func boardFile(in dir: URL, _ edit: (String) -> String) throws -> String {
        let text = edit(BoardDefinition.simulatedStationText)
        let url = dir.appendingPathComponent("bad.board.toml")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test(arguments: [
        ("[line.status]", "[line.statuss]", "unknown role"),
        ("name = \"GATE\"", "name = \"TRIGGER\"", "TRIGGER"),
        ("[line.interlock]", "[unused]", "interlock"),
        ("active-low = false                  # true if the driver fires on a low level", "active-low = 3", "line.trigger.active-low"),
    ])
    func badBoardFileIsRefusedWithFileLineAndField(original: String, replacement: String, expected: String) throws {
        let dir = try QdotProcess.temporaryDirectory()
        let path = try boardFile(in: dir) { text in
            #expect(text.contains(original), "the fixture no longer contains \(original)")
            return text.replacingOccurrences(of: original, with: replacement)
        }
        let run = try QdotProcess.run(["sim", "--cycles", "10", "--board", path], in: dir)
        #expect(run.exitCode == 2)
        #expect(run.standardError.contains("bad.board.toml:"), "\(run.standardError)")
        #expect(run.standardError.contains(expected), "\(run.standardError)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("qdot-result.json").path))
    }

    @Test func missingBoardFileIsAClearError() throws {
        let dir = try QdotProcess.temporaryDirectory()
        let run = try QdotProcess.run(["sim", "--board", "no/such.board.toml"], in: dir)
        #expect(run.exitCode == 2)
        #expect(run.standardError.contains("no/such.board.toml"))
    }

    @Test func helpDescribesEveryOption() throws {
        let dir = try QdotProcess.temporaryDirectory()
        let run = try QdotProcess.run(["sim", "--help"], in: dir)
        for option in ["--board", "--seed", "--cycles", "--duration", "--vcd", "--output", "--profile", "--interlock-opens-at"] {
            #expect(run.standardOutput.contains(option))
        }
    }
}
