import Foundation
import Records
import Testing

/// A file that a tagger is still writing: records appended between calls, a record or the
/// header cut short until the next call, the record count left at 0.
@Suite struct PTUFollowerTests {
    /// A writer's bytes before `finish()`: the header still declares 0 records, as a live tagger's does.
    static func growingFileBytes() throws -> (bytes: [UInt8], events: [PTUEvent], recordsOffset: Int) {
        let events = PTUWriterTests.events(seed: 11, count: 500, syncPeriodPicoseconds: 12_500_000, resolution: 1)
        let writer = try PTUWriter(settings: PTUWriterSettings(syncRatePerSecond: 80_000))
        for event in events { try writer.write(event) }
        #expect(try PTUHeader.parse(writer.bytes).declaredRecordCount == 0)
        return (writer.bytes, events, writer.header.recordsOffset)
    }

    static func temporaryFile() throws -> (path: String, folder: URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qdot-ptu-follow-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("live.ptu").path
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        return (path, folder)
    }

    static func append(_ bytes: ArraySlice<UInt8>, to path: String) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(bytes))
    }

    @Test func eachCallReturnsTheWholeRecordsAppendedSinceTheLast() throws {
        let (bytes, events, recordsOffset) = try Self.growingFileBytes()
        let (path, folder) = try Self.temporaryFile()
        defer { try? FileManager.default.removeItem(at: folder) }
        // The strict reader refuses the growing file and points at the follower.
        #expect(throws: PTUError.self) { try PTUReader(bytes: bytes) }
        let follower = try PTUFollower(path: path, chunkBytes: 64)
        var read: [PTUEvent] = []
        #expect(try follower.readAppended(into: &read) == 0)                         // empty file
        var written = 0
        // Cut points: inside the preamble, inside a tag, the header's end, half a record, then in uneven steps.
        var cuts = [10, 100, recordsOffset, recordsOffset + 2, recordsOffset + 4, recordsOffset + 5]
        while let last = cuts.last, last < bytes.count { cuts.append(min(bytes.count, last + 4 * 37 + 3)) }
        var wholeRecords = 0
        for cut in cuts {
            try Self.append(bytes[written..<cut], to: path)
            written = cut
            let nowWhole = cut < recordsOffset ? 0 : (cut - recordsOffset) / 4
            let records = try follower.readAppended(into: &read)
            #expect(records == nowWhole - wholeRecords, "cut at \(cut)")
            #expect(follower.nextRecordOffset == (cut < recordsOffset ? 0 : recordsOffset + 4 * nowWhole))
            #expect((follower.header == nil) == (cut < recordsOffset))
            wholeRecords = nowWhole
        }
        #expect(read == events)
        #expect(try follower.readAppended(into: &read) == 0)                          // nothing new
        #expect(follower.decoder?.recordsDecoded == (bytes.count - recordsOffset) / 4)
    }

    @Test func aFileThatShrinksOrIsT3IsRefused() throws {
        let (bytes, _, _) = try Self.growingFileBytes()
        let (path, folder) = try Self.temporaryFile()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.append(bytes[...], to: path)
        let follower = try PTUFollower(path: path)
        var read: [PTUEvent] = []
        #expect(try follower.readAppended(into: &read) > 0)
        try Data(bytes.prefix(bytes.count - 40)).write(to: URL(fileURLWithPath: path))
        do {
            _ = try follower.readAppended(into: &read)
            Issue.record("a shrunk file was followed")
        } catch {
            #expect(error.kind == .fileShrank)
            #expect(error.offset == follower.nextRecordOffset)
        }
        let t3 = PTUSpecBytes.file(recordType: 0x0001_0307, resolutionSeconds: 1e-12, records: [])
        try Data(t3).write(to: URL(fileURLWithPath: path))
        do {
            _ = try PTUFollower(path: path).readAppended(into: &read)
            Issue.record("a T3 file was followed")
        } catch {
            #expect(error.kind == .unsupportedRecordType)
            #expect(error.path == path)
        }
    }
}
