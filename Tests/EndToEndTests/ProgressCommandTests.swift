import Foundation
import Testing

/// Issue 5's progress line, end to end: `qdot sim --experiment` keeps quiet when standard error
/// is a pipe, and on a terminal (a pseudo-terminal from `script`) rewrites one line with the
/// cycles, per cent, rate, ETA and coincidence rate, ended by Ctrl-C with a final "stopped" line.
///
/// Both runs are planned far longer than the test (350 M cycles) and are stopped once they have
/// run past the display's first quiet second, so neither depends on how fast this machine is.
@Suite struct ProgressCommandTests {
    /// `script` from util-linux, which runs a command on a pseudo-terminal.
    static let script: String? = ["/usr/bin/script", "/bin/script"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// The wall-clock seconds of the firmware run, from the result file.
    func wallSeconds(in dir: URL) throws -> Double {
        let result = try JSONObject.read("qdot-result.json", in: dir)
        return try #require((result["wallClock"] as? [String: Any])?["seconds"] as? Double)
    }

    @Test func standardErrorOnAPipeGetsNoProgressLine() throws {
        let dir = try QdotProcess.temporaryDirectory()
        let file = try QdotProcess.writeExample("bell-chsh", cyclesPerSetting: 50_000_000, in: dir)   // 7 settings
        let qdot = try RunningProcess(QdotProcess.executable, ["sim", "--experiment", file], in: dir)
        // The record file is opened just before the progress display is made and the loop starts.
        let partial = dir.appendingPathComponent("qdot-run.qdotrec.partial").path
        #expect(qdot.wait(seconds: 60) { FileManager.default.fileExists(atPath: partial) })
        Thread.sleep(forTimeInterval: 1.5)
        kill(qdot.process.processIdentifier, SIGTERM)
        #expect(qdot.waitForExit(seconds: 60))
        #expect(qdot.process.terminationStatus == 4)   // stopped early, everything written
        #expect(try wallSeconds(in: dir) > 1.2)        // long enough that a terminal would have had lines
        #expect(!qdot.standardError.contains("\r"), "\(qdot.standardError.debugDescription)")
        #expect(!qdot.standardError.contains("cycles/s"))
        #expect(qdot.standardOutput.contains("INCOMPLETE: stop requested"))
    }

    @Test(.enabled(if: ProgressCommandTests.script != nil, "needs script(1) from util-linux for a pseudo-terminal"))
    func aTerminalGetsOneRewrittenLineAndCtrlCEndsItWithTheFinalCounts() throws {
        let dir = try QdotProcess.temporaryDirectory()
        let file = try QdotProcess.writeExample("bell-chsh", cyclesPerSetting: 50_000_000, in: dir)   // 7 settings
        let script = try #require(Self.script)
        // script -q (no banner) -e (its exit code is the command's) -c COMMAND, typescript to /dev/null.
        let command = "exec '\(QdotProcess.executable.path)' sim --experiment '\(file)'"
        let terminal = try RunningProcess(URL(fileURLWithPath: script), ["-qec", command, "/dev/null"], in: dir)
        let shown = terminal.wait(seconds: 60) { terminal.standardOutput.contains(" M cycles/s") }
        terminal.type([0x03])   // Ctrl-C: the terminal sends SIGINT to qdot
        #expect(terminal.waitForExit(seconds: 60))
        let output = terminal.standardOutput
        #expect(shown, "\(output.debugDescription)")
        #expect(terminal.process.terminationStatus == 4)

        // Every progress line starts with \r; the last of them is the final one, then a newline
        // (\r\n on a terminal) before the summary.
        let number = #"([0-9]+)"#
        let live = try Regex(#"\r  "# + number + "/350000000 cycles \\(" + number + #"%\)  ([0-9]+\.[0-9]{2}) M cycles/s  ETA "#
                             + number + " s  coincidences " + number + " /s")
        let final = try Regex(#"\r  "# + number + "/350000000 cycles \\(" + number + #"%\)  ([0-9]+\.[0-9]{2}) M cycles/s  stopped  coincidences "#
                              + number + #" /s *\r\n"#)
        let liveLines = output.matches(of: live)
        #expect(!liveLines.isEmpty)
        for line in liveLines {
            let text = String(output[line.range])
            #expect(!text.contains("nan") && !text.contains("inf"), "\(text.debugDescription)")
        }
        let finalLine = try #require(output.firstMatch(of: final), "\(output.debugDescription)")
        let finalCycles = try #require(Int(output[finalLine.output[1].range!]))
        let lastLiveCycles = try #require(liveLines.last.flatMap { Int(output[$0.output[1].range!]) })
        #expect(finalCycles >= lastLiveCycles && finalCycles > 0)
        // The stop message starts a line of its own instead of running on from the progress line.
        #expect(output.contains("\r\nqdot: signal 2 — stopping"), "\(output.debugDescription)")
        // The run's own summary reports as many cycles as the final progress line.
        #expect(output.contains("cycles        \(finalCycles) of 350000000"))
        // Coincidences are counted: the default source gives thousands per second of board time.
        let coincidenceRate = try #require(Int(output[finalLine.output[4].range!]))
        #expect(coincidenceRate > 100)
    }
}
