import Foundation
import Testing

/// Every number on the command line is range-checked where it is read: the values the outside
/// audit found trapping are refused with exit 64, naming the option, the allowed range and the
/// value; negative numbers reach that check instead of reading as a missing value.
@Suite struct CommandLineRangeTests {
    @Test(arguments: [
        (["sim", "--duration", "inf"], "--duration: expected more than 0, at most 1 000 000 s, found inf"),
        (["sim", "--duration", "1e308"], "--duration: expected more than 0, at most 1 000 000 s, found 1e+308"),
        (["sim", "--duration", "-2"], "--duration: expected more than 0, at most 1 000 000 s, found -2.0"),
        (["sim", "--cycles", "-5"], "--cycles: expected 1 … 100 000 000 000, found -5"),
        (["sim", "--interlock-opens-at", "1e10"], "--interlock-opens-at: expected 0 … 1 000 000 s, found 10000000000.0"),
        (["sim", "--click-probability", "nan"], "--click-probability: expected 0 … 1, found nan"),
        (["analyze", "x.qdotrec", "--window-ns", "9223372036854775807"],
         "--window-ns: expected 1 … 1 000 000 000 ns, found 9223372036854775807"),
        (["analyze", "x.qdotrec", "--window-ns", "-5"], "--window-ns: expected 1 … 1 000 000 000 ns, found -5"),
        (["latency", "--duration", "1e308"], "--duration: expected more than 0, at most 86 400 s, found 1e+308"),
        (["tags", "correlate", "x.ptu", "--window-ns", "9223372036854775807"],
         "--window-ns: expected 0 … 1 000 000 ns, found 9223372036854775807"),
        (["analyze", "x.qdotrec", "--tags", "t.ptu", "--tag-delays-ps", "0,0,-3,0"],
         "--tag-delays-ps: expected 0 … 1 000 000 000 ps, found -3"),
    ])
    func anOutOfRangeOptionNamesOptionRangeAndValue(arguments: [String], message: String) throws {
        let run = try QdotProcess.run(arguments, in: try QdotProcess.temporaryDirectory())
        #expect(run.exitCode == 64, "\(arguments): \(run.standardError)")
        #expect(run.standardError.contains(message), "\(arguments): \(run.standardError)")
        #expect(!run.standardError.contains("Missing value"), "\(run.standardError)")
    }

    @Test func checkRefusesWhatSimCouldNotRun() throws {
        // A trigger period of 1000 s passed `qdot check` and trapped in `qdot sim`; both refuse it now, alike.
        let dir = try QdotProcess.temporaryDirectory()
        let path = try QdotProcess.writeExample("bell-chsh", cyclesPerSetting: 10, in: dir)
        let text = try String(contentsOfFile: path, encoding: .utf8)
            .replacingOccurrences(of: "trigger-period-ns = 10000 ", with: "trigger-period-ns = 1000000000000 ")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let check = try QdotProcess.run(["check", path], in: dir)
        #expect(check.exitCode == 2, "\(check.standardOutput)")
        #expect(check.standardError.contains("timing.trigger-period-ns: expected a time in nanoseconds, 1 … 1 000 000 000 ns, found 1000000000000"),
                "\(check.standardError)")
        let sim = try QdotProcess.run(["sim", "--experiment", path, "--no-record"], in: dir)
        #expect(sim.exitCode == 2, "\(sim.standardError)")
        #expect(sim.standardError.contains("found 1000000000000"))
    }

    @Test func checkReadsDevNullAsAnEmptyFileNotAPermissionProblem() throws {
        let run = try QdotProcess.run(["check", "/dev/null"], in: try QdotProcess.temporaryDirectory())
        #expect(run.exitCode == 2)
        #expect(!run.standardError.contains("permission"), "\(run.standardError)")
        #expect(run.standardError.contains("/dev/null:1: experiment: expected a [experiment] section, found none"), "\(run.standardError)")
    }
}
