import Foundation
import Testing

/// `qdot sim --tags` and `qdot analyze RECORD --tags FILE.ptu` as a lab engineer runs them: the
/// tagger's figures equal the record's, the matching is printed, a tagger still writing its file
/// is followed, and every mistake gets its own message and exit status.
@Suite struct TaggedAnalyzeCommandTests {
    /// A short bell-chsh run on the simulated station with its record and a simulated tagger's file.
    static func taggedRun() throws -> (dir: URL, record: String, tags: String) {
        let dir = try QdotProcess.temporaryDirectory()
        let experiment = try QdotProcess.writeExample("bell-chsh", cyclesPerSetting: 4_000, in: dir)
        let sim = try QdotProcess.run(["sim", "--experiment", experiment, "--record", "run.qdotrec", "--tags", "run.ptu"], in: dir)
        #expect(sim.exitCode == 0, "\(sim.standardError)")
        #expect(sim.standardOutput.contains("tags          run.ptu ("), "\(sim.standardOutput)")
        return (dir, "run.qdotrec", "run.ptu")
    }

    /// The figure lines of a summary (the lines qdot analyze prints for the findings).
    static func figureLines(_ text: String) -> [String] {
        text.split(separator: "\n").map(String.init).filter { $0.contains(" ± ") }
    }

    @Test func theTagsGiveTheRecordsFiguresAndSayHowTheyWereMatched() throws {
        let (dir, record, tags) = try Self.taggedRun()
        let plain = try QdotProcess.run(["analyze", record], in: dir)
        let tagged = try QdotProcess.run(["analyze", record, "--tags", tags, "--output", "tagged.json"], in: dir)
        #expect(tagged.exitCode == 0, "\(tagged.standardError)")
        #expect(Self.figureLines(tagged.standardOutput) == Self.figureLines(plain.standardOutput))
        #expect(!Self.figureLines(plain.standardOutput).isEmpty)
        #expect(tagged.standardOutput.contains("syncs         28000 matched of 28000 cycles; 0 skipped, 0 after the run"), "\(tagged.standardOutput)")
        #expect(tagged.standardOutput.contains("(100.0000 %)"))
        #expect(tagged.standardOutput.contains("HydraHarp V2 T2, 1 ps bins"))
        #expect(tagged.standardError.isEmpty, "\(tagged.standardError)")
    }

    /// A tagger still writing: `--follow` reads what is appended until nothing new comes for the
    /// idle time, and certifies the same figures as from the finished file.
    @Test func followReadsAFileStillBeingWritten() throws {
        let (dir, record, tags) = try Self.taggedRun()
        let whole = try Data(contentsOf: dir.appendingPathComponent(tags))
        let growing = dir.appendingPathComponent("growing.ptu")
        try whole.prefix(whole.count / 3).write(to: growing)
        let follower = try RunningProcess(QdotProcess.executable, ["analyze", record, "--tags", "growing.ptu", "--follow",
                                                                   "--follow-idle-s", "2"], in: dir)
        Thread.sleep(forTimeInterval: 0.5)
        let handle = try FileHandle(forWritingTo: growing)
        handle.seekToEndOfFile()
        handle.write(whole.dropFirst(whole.count / 3).prefix(whole.count / 3))
        Thread.sleep(forTimeInterval: 0.5)
        handle.write(whole.dropFirst(2 * (whole.count / 3)))
        try handle.close()
        #expect(follower.waitForExit(seconds: 60))
        #expect(follower.process.terminationStatus == 0, "\(follower.standardError)")
        let finished = try QdotProcess.run(["analyze", record, "--tags", tags], in: dir)
        #expect(Self.figureLines(follower.standardOutput) == Self.figureLines(finished.standardOutput))
        #expect(follower.standardOutput.contains("28000 matched of 28000 cycles"), "\(follower.standardOutput)")
    }

    @Test func mistakesAreNamedWithTheirExitStatus() throws {
        let (dir, record, tags) = try Self.taggedRun()
        // The command line: a map with a detector missing, two detectors on one input, a negative delay.
        for (arguments, message) in [(["--tag-inputs", "1,2,3"], "four comma-separated values"),
                                     (["--tag-inputs", "1,1,3,4"], "A+ and A- are both on tagger input 1"),
                                     (["--tag-delays-ps", "0,-3,0,0"], "--tag-delays-ps: expected 0 … 1 000 000 000 ps, found -3")] {
            let run = try QdotProcess.run(["analyze", record, "--tags", tags] + arguments, in: dir)
            #expect(run.exitCode == 64, "\(arguments): \(run.standardError)")
            #expect(run.standardError.contains(message), "\(run.standardError)")
        }
        let stray = try QdotProcess.run(["analyze", record, "--skip-syncs", "2"], in: dir)
        #expect(stray.exitCode == 64 && stray.standardError.contains("apply to --tags only"))
        // The file: cut inside its records, and a tagger that never saw a sync.
        let bytes = try Data(contentsOf: dir.appendingPathComponent(tags))
        try bytes.prefix(bytes.count - 2).write(to: dir.appendingPathComponent("cut.ptu"))
        let cut = try QdotProcess.run(["analyze", record, "--tags", "cut.ptu"], in: dir)
        #expect(cut.exitCode == 6 && cut.standardError.contains("byte offset"), "\(cut.standardError)")
        let noSync = try QdotProcess.run(["analyze", record, "--tags", tags, "--skip-syncs", "100000"], in: dir)
        #expect(noSync.exitCode == 6, "\(noSync.standardError)")
        #expect(noSync.standardError.contains("is the board's trigger wired to the tagger's sync input?"), "\(noSync.standardError)")
        let missing = try QdotProcess.run(["analyze", record, "--tags", "nothing-here.ptu"], in: dir)
        #expect(missing.exitCode == 6 && missing.standardError.contains("nothing-here.ptu"), "\(missing.standardError)")
    }
}
