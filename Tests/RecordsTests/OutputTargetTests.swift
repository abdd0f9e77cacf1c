import Records
import Foundation
import Testing

/// Output paths that are not plain files keep what they are: a FIFO stays a FIFO (and gets the
/// bytes), a symbolic link stays a link (and its file gets the bytes), a device is a stream.
@Suite struct OutputTargetTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("qdot-output-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    @Test func whatAPathNames() throws {
        #expect(OutputTarget.of(path("new.json")) == .file(path: path("new.json")))
        try Data("x".utf8).write(to: URL(fileURLWithPath: path("old.json")))
        #expect(OutputTarget.of(path("old.json")) == .file(path: path("old.json")))
        #expect(mkfifo(path("pipe"), 0o600) == 0)
        #expect(OutputTarget.of(path("pipe")) == .stream(path: path("pipe")))
        #expect(OutputTarget.of("/dev/null") == .stream(path: "/dev/null"))
        try FileManager.default.createSymbolicLink(atPath: path("link.json"), withDestinationPath: path("old.json"))
        #expect(OutputTarget.of(path("link.json")) == .file(path: path("old.json")))
        #expect(!OutputTarget.of("/dev/null").isFile)
    }

    @Test func anAtomicWriteIntoAFIFOFeedsItsReaderAndLeavesAFIFO() throws {
        let fifo = path("result.fifo")
        #expect(mkfifo(fifo, 0o600) == 0)
        // The reader opens first without waiting for a writer; the payload fits the pipe's buffer,
        // so the write completes with nobody reading yet.
        let reader = open(fifo, O_RDONLY | O_NONBLOCK)
        #expect(reader >= 0)
        defer { close(reader) }
        let payload = Data((0..<4_000).map { UInt8(truncatingIfNeeded: $0) })
        try AtomicFile.write(payload, to: fifo)
        var received = [UInt8](repeating: 0, count: 8_000)
        let count = read(reader, &received, received.count)
        #expect(count == payload.count && Data(received[0..<max(0, count)]) == payload)
        var status = stat()
        #expect(stat(fifo, &status) == 0 && status.st_mode & S_IFMT == S_IFIFO)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["result.fifo"])
    }

    @Test func anAtomicWriteThroughASymbolicLinkReplacesTheFileNotTheLink() throws {
        try Data("old".utf8).write(to: URL(fileURLWithPath: path("target.json")))
        try FileManager.default.createSymbolicLink(atPath: path("result.json"), withDestinationPath: path("target.json"))
        try AtomicFile.write(Data("new".utf8), to: path("result.json"))
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: path("result.json")) == path("target.json"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path("target.json"))) == Data("new".utf8))
    }
}
