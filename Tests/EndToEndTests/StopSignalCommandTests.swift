import Foundation
import Testing

/// SIGINT and SIGTERM never kill qdot: a plain `qdot sim --cycles N` run stops at a cycle
/// boundary and writes its result marked incomplete (exit 4), as experiment runs do; a signal in
/// qdot's first milliseconds, before any run started, ends it with exit 4 and nothing run.
/// (Before, a plain run died with 130/143 and wrote nothing, and so did any run signalled in its
/// first ~12 ms, before its handler existed.)
@Suite struct StopSignalCommandTests {
    @Test(arguments: [SIGINT, SIGTERM])
    func aPlainRunStopsAtACycleBoundaryAndWritesItsResultMarkedIncomplete(signal: Int32) throws {
        let dir = try QdotProcess.temporaryDirectory()
        let planned = 500_000_000
        let qdot = try RunningProcess(QdotProcess.executable, ["sim", "--cycles", "\(planned)", "--output", "plain.json"], in: dir)
        #expect(qdot.wait(seconds: 30) { StopLatch.isInstalled(in: qdot.process.processIdentifier) })
        Thread.sleep(forTimeInterval: 1.0)   // well into the run
        kill(qdot.process.processIdentifier, signal)
        #expect(qdot.waitForExit(seconds: 60))
        #expect(qdot.process.terminationReason == .exit, "killed by signal \(qdot.process.terminationStatus)")
        #expect(qdot.process.terminationStatus == 4, "\(qdot.standardError)")
        #expect(qdot.standardError.contains("qdot: signal \(signal) — stopping at the next cycle"), "\(qdot.standardError)")
        let report = try #require(try JSONObject.read("plain.json", in: dir)["report"] as? [String: Any])
        #expect(report["complete"] as? Bool == false)
        #expect(report["stopReason"] as? String == "stop requested")
        #expect(report["finalState"] as? String == "idle")   // the outputs went to their safe levels
        let cyclesRun = try #require(report["cyclesRun"] as? Int)
        #expect(cyclesRun > 0 && cyclesRun < planned)
        #expect(qdot.standardOutput.contains("cycles        \(cyclesRun) of \(planned)"), "\(qdot.standardOutput)")
    }

    /// 0, 1, 5 and 20 ms after qdot's first instruction (the latch is the first thing it does; the
    /// dynamic loader before it runs no qdot code, so no handler can exist there), several times
    /// each, SIGINT and SIGTERM: always exit 4, either stopped before the run (no file written) or
    /// stopped at a cycle boundary (the result written, marked incomplete).
    @Test func aSignalInTheFirstMillisecondsEndsQdotWithExit4NeverKillsIt() throws {
        for delayMilliseconds in [0, 1, 5, 20] {
            for trial in 0..<4 {
                let signal = trial % 2 == 0 ? SIGINT : SIGTERM
                let dir = try QdotProcess.temporaryDirectory()
                let qdot = try RunningProcess(QdotProcess.executable, ["sim", "--cycles", "500000000"], in: dir)
                let pid = qdot.process.processIdentifier
                #expect(qdot.wait(seconds: 30) { StopLatch.isInstalled(in: pid) }, "no stop-signal handler in qdot")
                if delayMilliseconds > 0 { Thread.sleep(forTimeInterval: Double(delayMilliseconds) / 1_000) }
                kill(pid, signal)
                #expect(qdot.waitForExit(seconds: 60))
                let context = "signal \(signal) at \(delayMilliseconds) ms: \(qdot.standardError)"
                #expect(qdot.process.terminationReason == .exit, "killed: \(context)")
                #expect(qdot.process.terminationStatus == 4, "\(context)")
                let result = dir.appendingPathComponent("qdot-result.json").path
                if qdot.standardError.contains("stopped before the run started") {
                    #expect(qdot.standardError.contains("qdot sim: signal \(signal) — stopped before the run started"), "\(context)")
                    #expect(!FileManager.default.fileExists(atPath: result), "\(context)")
                } else {
                    #expect(qdot.standardError.contains("stopping at the next cycle"), "\(context)")
                    let report = try #require(try JSONObject.read("qdot-result.json", in: dir)["report"] as? [String: Any])
                    #expect(report["complete"] as? Bool == false, "\(context)")
                }
            }
        }
    }

    /// A command that drives no station keeps the default action: SIGTERM ends `qdot latency`
    /// (a measurement of this machine's wake-ups) as before, even from a parent that blocks it.
    @Test func aCommandThatDrivesNoStationStillEndsOnTheSignal() throws {
        let dir = try QdotProcess.temporaryDirectory()
        let qdot = try RunningProcess(QdotProcess.executable, ["latency", "--duration", "60"], in: dir)
        Thread.sleep(forTimeInterval: 1.5)
        kill(qdot.process.processIdentifier, SIGTERM)
        #expect(qdot.waitForExit(seconds: 30))
        #expect(qdot.process.terminationReason == .uncaughtSignal)
        #expect(qdot.process.terminationStatus == SIGTERM)
    }
}

/// Whether a process catches SIGINT and SIGTERM, from the SigCgt mask in /proc/PID/status.
enum StopLatch {
    static func isInstalled(in pid: Int32) -> Bool {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("SigCgt:") }),
              let mask = UInt64(line.dropFirst("SigCgt:".count).trimmingCharacters(in: .whitespaces), radix: 16)
        else { return false }
        let wanted = UInt64(1) << (SIGINT - 1) | UInt64(1) << (SIGTERM - 1)
        return mask & wanted == wanted
    }
}
