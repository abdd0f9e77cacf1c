import Foundation
@testable import KeyStore
import Testing

/// The first phase of the link's commit: pending keys are on the disk, never handed out, and
/// become ready keys only by commit — which a crash half-way through can be repeated to finish.
@Suite struct PendingKeyBlockTests {
    /// Pending keys survive a reopen, are invisible to enc_keys' reservation, and commit makes
    /// exactly them ready under (block, index) with the set-aside bytes returned.
    @Test func pendingKeysAreNeverHandedOutUntilCommitted() async throws {
        let folder = TemporaryStoreFolder()
        defer { folder.remove() }
        let keys = TemporaryStoreFolder.keys(count: 3, seed: 1450)
        let setAside = KeyMaterial(bytes: Array(repeating: 0xA5, count: 64))
        do {
            let store = try KeyStore(directory: folder.path, keySizeBits: 256)
            try await store.depositPending(blockID: 5, keys: keys, setAside: setAside)
        }
        let store = try KeyStore(directory: folder.path, keySizeBits: 256)
        #expect(try await store.pendingBlocks() == [5])
        #expect(await store.readyKeyCount == 0)
        await #expect(throws: KeyStoreError.notEnoughKeys(requested: 1, available: 0)) {
            _ = try await store.reserveForMaster(master: "SAE-A", slave: "SAE-B", count: 1, sizeBits: 256)
        }
        #expect(try await store.commit(blockID: 5) == setAside)
        #expect(try await store.pendingBlocks().isEmpty)
        #expect(await store.readyKeyCount == 3)
        for (index, key) in keys.enumerated() {
            #expect(await store.storedKey(KeyIdentifier(blockID: 5, keyIndex: UInt32(index)))?.material == key)
        }
        // Committed once: a second commit has nothing to commit, a second deposit is refused.
        await #expect(throws: KeyStoreError.unknownKeyID("block 5 (no pending file block-0000000000000005.pending)")) { try await store.commit(blockID: 5) }
        await #expect(throws: KeyStoreError.duplicateKeyID(KeyIdentifier(blockID: 5, keyIndex: 0))) {
            try await store.depositPending(blockID: 5, keys: keys, setAside: setAside)
        }
    }

    /// Discard forgets the block for good: nothing ready, nothing pending, after a reopen too.
    @Test func discardForgetsThePendingBlock() async throws {
        let folder = TemporaryStoreFolder()
        defer { folder.remove() }
        let store = try KeyStore(directory: folder.path, keySizeBits: 256)
        try await store.depositPending(blockID: 6, keys: TemporaryStoreFolder.keys(count: 2, seed: 1451), setAside: KeyMaterial(bytes: []))
        try await store.discard(blockID: 6)
        let reopened = try KeyStore(directory: folder.path, keySizeBits: 256)
        #expect(try await reopened.pendingBlocks().isEmpty)
        #expect(await reopened.readyKeyCount == 0)
        await #expect(throws: KeyStoreError.self) { try await reopened.discard(blockID: 6) }
    }

    /// A crash in the middle of a commit (key 0's file written, key 1's not, the pending file
    /// still there — rebuilt here from a finished commit): reopening and committing again writes
    /// only the missing keys, with the same bytes, and removes the pending file.
    @Test func anInterruptedCommitIsFinishedByCommittingAgain() async throws {
        let folder = TemporaryStoreFolder()
        defer { folder.remove() }
        let keys = TemporaryStoreFolder.keys(count: 2, seed: 1452)
        let pendingName = PendingKeyBlockFile.fileName(blockID: 7)
        do {
            let store = try KeyStore(directory: folder.path, keySizeBits: 256)
            try await store.depositPending(blockID: 7, keys: keys, setAside: KeyMaterial(bytes: []))
            let pendingFile = try Data(contentsOf: URL(fileURLWithPath: folder.path + "/" + pendingName))
            try await store.commit(blockID: 7)
            try pendingFile.write(to: URL(fileURLWithPath: folder.path + "/" + pendingName))
            try FileManager.default.removeItem(atPath: folder.path + "/" + KeyIdentifier(blockID: 7, keyIndex: 1).uuidString + ".key")
        }
        let store = try KeyStore(directory: folder.path, keySizeBits: 256)
        #expect(await store.readyKeyCount == 1)
        #expect(await store.holdsCommittedBlock(7))
        #expect(try await store.pendingBlocks() == [7])
        try await store.commit(blockID: 7)
        #expect(try await store.pendingBlocks().isEmpty)
        #expect(await store.readyKeyCount == 2)
        #expect(await store.storedKey(KeyIdentifier(blockID: 7, keyIndex: 1))?.material == keys[1])
    }

    /// Pending files are named by the block id in 16 hex digits; other names are not pending files.
    @Test func pendingFileNamesRoundTrip() {
        #expect(PendingKeyBlockFile.fileName(blockID: 0x1F) == "block-000000000000001f.pending")
        #expect(PendingKeyBlockFile.blockID(fileName: "block-000000000000001f.pending") == 0x1F)
        for name in ["block-1f.pending", "block-000000000000001f.key", "block-00000000000000zz.pending", ".block-000000000000001f.pending.tmp"] {
            #expect(PendingKeyBlockFile.blockID(fileName: name) == nil, "\(name)")
        }
    }
}
