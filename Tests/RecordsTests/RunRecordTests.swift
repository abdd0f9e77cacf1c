import Records
import Foundation
import Testing

/// Run records: a truncated or corrupted file is refused with the byte offset, never a trap.
@Suite struct RunRecordTests {
    /// The golden bell-chsh record (written by qdot 0.1.0, commit 550a3e3).
    func recorded() throws -> (path: String, bytes: [UInt8], headerEnd: Int) {
        let bytes = try GoldenFiles.bytes("bell-chsh.qdotrec")
        return ("bell-chsh.qdotrec", bytes, GoldenFiles.headerEnd(bytes))
    }

    func error(_ bytes: [UInt8]) -> RunRecordError? {
        do { _ = try RunRecord.parse(bytes, path: "x.qdotrec"); return nil } catch { return error }
    }

    @Test func truncatedInARecordNamesItsOffset() throws {
        let (_, bytes, headerEnd) = try recorded()
        let cut = headerEnd + 24 * 10 + 7
        let found = try #require(error(Array(bytes[0..<cut])))
        #expect(found.offset == headerEnd + 240)
        #expect(found.description.contains("truncated"))
    }

    @Test func cutBetweenRecordsLacksTheEndRecord() throws {
        let (_, bytes, headerEnd) = try recorded()
        let found = try #require(error(Array(bytes[0..<headerEnd + 24 * 10])))
        #expect(found.description.contains("no end record"))
    }

    @Test func aFlippedByteFailsTheCheckSumAtItsRecord() throws {
        var (_, bytes, headerEnd) = try recorded()
        bytes[headerEnd + 24 * 3 + 17] ^= 0x40
        let found = try #require(error(bytes))
        #expect(found.offset == headerEnd + 72)
        #expect(found.description.contains("corrupted"))
    }

    @Test func headerAndMagicMistakesAreNamed() throws {
        let (_, bytes, _) = try recorded()
        var magic = bytes
        magic[0] = 0x00
        #expect(error(magic)?.offset == 0)
        var version = bytes
        version[8] = 9
        #expect(error(version)?.description.contains("format version 9") == true)
        #expect(error(Array(bytes[0..<40]))?.offset == 12)
        #expect(error([])?.offset == 0)
    }
}
