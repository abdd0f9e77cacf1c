import Foundation
import Testing

/// Every output file that cannot be written ends qdot with exit 5, naming the file and the
/// system's reason; no run exits 0 with a FAULT, and a record left `.partial` is named, with why,
/// in the result and the summary. (Before, a record that could not be created gave exit 3 blaming
/// the experiment file, and a record whose path was a folder or that ran out of space gave exit 0.)
///
/// The tests run as root, where permission bits do not stop a write: the faults are a folder on
/// the way that is a regular file (ENOTDIR), a folder as the path (EISDIR), /dev/full (ENOSPC) and
/// the file-size limit (EFBIG).
@Suite struct OutputFaultCommandTests {
    /// A folder with a regular file `plain-file` in it.
    static func folderWithAFile() throws -> URL {
        let dir = try QdotProcess.temporaryDirectory()
        try Data("x".utf8).write(to: dir.appendingPathComponent("plain-file"))
        return dir
    }

    @Test func aRecordThatCannotBeCreatedIsExit5NamingItsPartialAndTheReason() throws {
        let dir = try Self.folderWithAFile()
        let run = try QdotProcess.run(["sim", "--experiment", "bell-chsh", "--record", "plain-file/run.qdotrec"], in: dir)
        #expect(run.exitCode == 5, "\(run.standardError)")
        #expect(run.standardError.contains("cannot create record plain-file/run.qdotrec.partial: Not a directory (errno 20)"),
                "\(run.standardError)")
        #expect(!run.standardError.contains("experiment"), "an output fault is not the experiment file's: \(run.standardError)")
        let full = try QdotProcess.run(["sim", "--experiment", "bell-chsh", "--record", "/dev/full"], in: dir)
        #expect(full.exitCode == 5)
        #expect(full.standardError.contains("cannot create record /dev/full: No space left on device (errno 28)"), "\(full.standardError)")
    }

    @Test func aRecordPathThatIsAFolderIsExit5AndTheResultNamesThePartialAndWhy() throws {
        let dir = try QdotProcess.temporaryDirectory()
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("records"), withIntermediateDirectories: false)
        let run = try QdotProcess.run(["sim", "--experiment", "g2", "--record", "records", "--output", "g2.json"], in: dir)
        #expect(run.exitCode == 5, "\(run.standardError)")
        #expect(run.standardError.contains("cannot rename record records.partial to records: Is a directory (errno 21)"),
                "\(run.standardError)")
        #expect(run.standardOutput.contains("record        records.partial (INCOMPLETE"), "\(run.standardOutput)")
        let result = try JSONObject.read("g2.json", in: dir)
        #expect(result["recordFile"] as? String == "records.partial")
        let faults = try #require(result["faults"] as? [String])
        #expect(faults.contains { $0.hasPrefix("record records.partial is incomplete") && $0.contains("Is a directory (errno 21)") },
                "\(faults)")
    }

    /// The record outgrows the file-size limit in the middle of the run (write fails with EFBIG;
    /// qdot ignores SIGXFSZ): exit 5, the result (small enough) says the record is incomplete, and
    /// the `.partial` left holds the run up to the fault.
    @Test func aRecordThatRunsOutOfRoomMidRunIsExit5AndTheResultSaysItIsIncomplete() throws {
        let dir = try QdotProcess.temporaryDirectory()
        let experiment = try QdotProcess.writeExample("bbm92", cyclesPerSetting: 400_000, in: dir)
        let run = try QdotProcess.run(["-c", "ulimit -f 256 && exec \"$0\" \"$@\"", QdotProcess.executable.path,
                                       "sim", "--experiment", experiment, "--output", "bbm92.json"],
                                      in: dir, program: URL(fileURLWithPath: "/bin/sh"))
        #expect(run.exitCode == 5, "\(run.standardError)")
        #expect(run.standardError.contains("cannot write record qdot-run.qdotrec.partial: File too large (errno 27)"),
                "\(run.standardError)")
        #expect(run.standardOutput.contains("FAULT         record qdot-run.qdotrec.partial is incomplete"), "\(run.standardOutput)")
        let result = try JSONObject.read("bbm92.json", in: dir)
        #expect(result["recordFile"] as? String == "qdot-run.qdotrec.partial")
        #expect((result["faults"] as? [String])?.contains { $0.contains("File too large (errno 27)") } == true)
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("qdot-run.qdotrec.partial").path))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("qdot-run.qdotrec").path))
    }

    /// The result, the VCD trace, the figures, the tags file and a timing profile: each fault is
    /// exit 5 with the file and the reason.
    @Test(arguments: [
        (["sim", "--cycles", "2000", "--output", "plain-file/r.json"], "cannot write result plain-file/r.json: Not a directory (errno 20)"),
        (["sim", "--cycles", "2000", "--output", "."], "cannot write result .: Is a directory (errno 21)"),
        (["sim", "--cycles", "2000", "--output", "/dev/full"], "cannot write result /dev/full: No space left on device (errno 28)"),
        (["sim", "--cycles", "2000", "--vcd", "/dev/full"], "cannot write VCD trace /dev/full: No space left on device (errno 28)"),
        (["sim", "--cycles", "2000", "--vcd", "plain-file/t.vcd"], "cannot write VCD trace plain-file/t.vcd: Not a directory (errno 20)"),
        (["sim", "--experiment", "bell-chsh", "--no-record", "--output", "fig.json"],
         "cannot write figure fig.correlation.svg: Is a directory (errno 21)"),
        (["sim", "--experiment", "bbm92", "--no-record", "--tags", "plain-file/t.ptu"],
         "cannot create plain-file/t.ptu.partial: Not a directory (errno 20)"),
        (["sim", "--experiment", "bbm92", "--no-record", "--tags", "/dev/full"], "cannot write /dev/full: a device or a pipe"),
        (["profile", "--loopback", "--board", "simulated-raspberry-pi-4", "--samples", "50", "--output", "plain-file/p.profile.toml"],
         "cannot write timing profile plain-file/p.profile.toml: Not a directory (errno 20)"),
    ])
    func anOutputThatCannotBeWrittenIsExit5WithThePathAndTheReason(arguments: [String], message: String) throws {
        let dir = try Self.folderWithAFile()
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("fig.correlation.svg"), withIntermediateDirectories: false)
        let run = try QdotProcess.run(arguments, in: dir)
        #expect(run.exitCode == 5, "\(arguments): \(run.standardError)")
        #expect(run.standardError.contains(message), "\(run.standardError)")
        #expect(!run.standardOutput.contains("FAULT") || run.exitCode != 0)
        var device = stat()
        #expect(stat("/dev/full", &device) == 0 && device.st_mode & S_IFMT == S_IFCHR, "/dev/full is no longer a device")
    }
}
