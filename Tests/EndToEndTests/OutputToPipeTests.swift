import Records
import Composition
import Foundation
import Testing

/// `qdot sim --output PIPE --record PIPE`: the result and the record stream into named pipes that
/// other programs read (as `--output /dev/null` or `/dev/stdout` would), the pipes stay pipes,
/// and no figure is written "beside" them. (Before, the atomic rename turned the target into a
/// regular file — as root, `/dev/null` itself — and put `NAME.correlation.svg` next to it.)
@Suite struct OutputToPipeTests {
    @Test func resultAndRecordStreamIntoNamedPipes() throws {
        let folder = try QdotProcess.temporaryDirectory()
        let experiment = try QdotProcess.writeExample("bbm92", cyclesPerSetting: 20_000, in: folder)
        let resultPipe = folder.appendingPathComponent("result.fifo").path
        let recordPipe = folder.appendingPathComponent("record.fifo").path
        #expect(mkfifo(resultPipe, 0o600) == 0 && mkfifo(recordPipe, 0o600) == 0)
        let result = PipeReader(resultPipe), record = PipeReader(recordPipe)

        let run = try QdotProcess.run(["sim", "--experiment", experiment, "--output", resultPipe,
                                       "--record", recordPipe], in: folder)
        #expect(run.exitCode == 0, "\(run.standardError)")
        let json = try JSONObject.decode(try #require(result.contents()))
        #expect(json["findings"] != nil)
        let recorded = try RunRecord.parse(Array(try #require(record.contents())), path: recordPipe)
        #expect(recorded.complete && recorded.cyclesPerSetting.reduce(0, +) == 20_000)
        #expect(run.standardOutput.contains("figures       not written"))
        for pipe in [resultPipe, recordPipe] {
            var status = stat()
            #expect(stat(pipe, &status) == 0 && status.st_mode & S_IFMT == S_IFIFO, "\(pipe) is no longer a pipe")
        }
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(left == ["bbm92.experiment.toml", "record.fifo", "result.fifo"])
    }
}
