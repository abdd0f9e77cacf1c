import Foundation
import KeyStore
import LinkProtocol
import Testing

/// The saved link session beside the keys: durable, private, and refused with the field named
/// when damaged.
@Suite struct LinkSessionStateFileTests {
    static func session() throws -> LinkSession {
        let secret = (0..<(32 + 32 * 8)).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        return try LinkSession(preSharedSecret: secret, role: .bob)
    }

    /// Nothing saved reads as nil; a save reads back equal, mode 0600, no temporary file left; a
    /// second save replaces the first; the key store opens the folder untouched by it.
    @Test func savedStateReadsBack() async throws {
        let folder = TemporaryStoreFolder()
        defer { folder.remove() }
        let file = try LinkSessionStateFile(directory: folder.path)
        #expect(try file.load() == nil)
        var session = try Self.session()
        let first = session.snapshot(reservingOutgoingPads: 4)
        try file.save(first)
        session.snapshotSaved(first)
        #expect(try file.load() == first)
        let path = folder.path + "/" + LinkSessionStateFile.fileName
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == [LinkSessionStateFile.fileName])

        _ = try session.seal(.siftingBases, payload: [1])
        let second = session.snapshot(reservingOutgoingPads: 4)
        try file.save(second)
        #expect(try file.load() == second && second.outgoing.nextPadIndex == 5)
        #expect(try await KeyStore(directory: folder.path, keySizeBits: 256).readyKeyCount == 0)
    }

    /// A truncated file is refused naming the file and the field it ends in; a changed byte fails the check.
    @Test func damagedStateIsRefusedNamingTheField() throws {
        let folder = TemporaryStoreFolder()
        defer { folder.remove() }
        let file = try LinkSessionStateFile(directory: folder.path)
        let state = try Self.session().snapshot(reservingOutgoingPads: 4)
        let bytes = state.encoded()
        let url = URL(fileURLWithPath: folder.path + "/" + LinkSessionStateFile.fileName)
        try Data(bytes[..<30]).write(to: url)
        #expect(throws: KeyStoreError.corruptSessionState(fileName: LinkSessionStateFile.fileName,
                                                          .truncated(field: "outgoing hash key", offset: 23, neededBytes: 16, availableBytes: 7))) {
            try file.load()
        }
        #expect(KeyStoreError.corruptSessionState(fileName: "link-session.state", .truncated(field: "outgoing hash key", offset: 23, neededBytes: 16,
                                                                                              availableBytes: 7)).description
            == "link-session.state: session state truncated in outgoing hash key at byte 23: 16 bytes needed, 7 left")
        var changed = bytes
        changed[100] ^= 1
        try Data(changed).write(to: url)
        #expect(throws: KeyStoreError.corruptSessionState(fileName: LinkSessionStateFile.fileName, .checkMismatch(offset: bytes.count - 16))) {
            try file.load()
        }
    }
}
