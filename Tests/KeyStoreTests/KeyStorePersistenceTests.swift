import Foundation
import KeyStore
import Testing

/// The store on disk: restarts, crashes, permissions, and one key to one caller.
@Suite struct KeyStorePersistenceTests {
    /// A new store on the same folder keeps the undelivered keys and never hands out again a
    /// key already handed to a master, nor delivers one twice to a slave.
    @Test func restartKeepsUndeliveredKeysAndNeverRedelivers() async throws {
        let folder = TemporaryStoreFolder()
        defer { folder.remove() }
        let deposited = TemporaryStoreFolder.keys(count: 10, seed: 1)
        var store = try KeyStore(directory: folder.path, keySizeBits: 256)
        try await store.deposit(blockID: 7, keys: deposited)
        let first = try await store.reserveForMaster(master: "A", slave: "B", count: 3, sizeBits: 256)
        #expect(first.map(\.identifier) == (0..<3).map { KeyIdentifier(blockID: 7, keyIndex: $0) })
        #expect(first.map(\.material) == Array(deposited.prefix(3)))

        store = try KeyStore(directory: folder.path, keySizeBits: 256)
        #expect(await store.readyKeyCount == 7)
        let rest = try await store.reserveForMaster(master: "A", slave: "B", count: 7, sizeBits: 256)
        #expect(Set(rest.map(\.identifier)).isDisjoint(with: first.map(\.identifier)))
        #expect(rest.map(\.material) == Array(deposited.suffix(7)))
        let delivered = try await store.deliverToSlave(first.map(\.identifier), master: "A", slave: "B")
        #expect(delivered.map(\.material) == first.map(\.material))

        store = try KeyStore(directory: folder.path, keySizeBits: 256)
        #expect(await store.readyKeyCount == 0)
        await #expect(throws: KeyStoreError.alreadyDelivered(first[0].identifier)) {
            try await store.deliverToSlave([first[0].identifier], master: "A", slave: "B")
        }
        #expect(try await store.deliverToSlave(rest.map(\.identifier), master: "A", slave: "B").count == 7)
    }

    /// A crash after the reservation is on the disk but before the reply left: the keys are lost
    /// to the master (the chosen trade-off) and are never handed to a master again.
    @Test func aCrashBetweenPersistAndReplyLosesTheKeysRatherThanRepeatingThem() async throws {
        let folder = TemporaryStoreFolder()
        defer { folder.remove() }
        do {
            let store = try KeyStore(directory: folder.path, keySizeBits: 256)
            try await store.deposit(blockID: 1, keys: TemporaryStoreFolder.keys(count: 5, seed: 2))
            _ = try await store.reserveForMaster(master: "A", slave: "B", count: 2, sizeBits: 256)
            // The process dies here: the reply is never sent, the store instance is gone.
        }
        let restarted = try KeyStore(directory: folder.path, keySizeBits: 256)
        #expect(await restarted.readyKeyCount == 3)
        let after = try await restarted.reserveForMaster(master: "A", slave: "B", count: 3, sizeBits: 256)
        #expect(after.map(\.identifier.keyIndex) == [2, 3, 4])
        await #expect(throws: KeyStoreError.notEnoughKeys(requested: 1, available: 0)) {
            try await restarted.reserveForMaster(master: "A", slave: "B", count: 1, sizeBits: 256)
        }
        #expect(await restarted.storedKey(KeyIdentifier(blockID: 1, keyIndex: 0))?.state == .reservedForSlave(master: "A", slave: "B", sizeBits: 256))
    }

    /// 40 tasks ask at once for 3 keys each from 100: 33 get keys, the rest are refused, and no
    /// key id is handed out twice.
    @Test func concurrentRequestsNeverShareAKey() async throws {
        let folder = TemporaryStoreFolder()
        defer { folder.remove() }
        let store = try KeyStore(directory: folder.path, keySizeBits: 128)
        try await store.deposit(blockID: 3, keys: TemporaryStoreFolder.keys(count: 100, bits: 128, seed: 3))
        let handedOut = await withTaskGroup(of: [KeyIdentifier]?.self) { group in
            for _ in 0..<40 {
                group.addTask { try? await store.reserveForMaster(master: "A", slave: "B", count: 3, sizeBits: 128).map(\.identifier) }
            }
            var results: [[KeyIdentifier]?] = []
            for await result in group { results.append(result) }
            return results
        }
        let granted = handedOut.compactMap { $0 }
        #expect(granted.count == 33)
        #expect(Set(granted.joined()).count == 99)
        #expect(await store.readyKeyCount == 1)
    }

    /// Key files are 0600, the folder 0700 (even if it existed wider); a delivered key's file no
    /// longer holds its bytes.
    @Test func filesArePrivateAndDeliveredBytesAreErased() async throws {
        let folder = TemporaryStoreFolder()
        defer { folder.remove() }
        let keys = TemporaryStoreFolder.keys(count: 1, seed: 4)
        // A folder that exists with wider permissions is narrowed to 0700 on opening.
        try FileManager.default.createDirectory(atPath: folder.path, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o755])
        let store = try KeyStore(directory: folder.path, keySizeBits: 256)
        try await store.deposit(blockID: 9, keys: keys)
        let identifier = KeyIdentifier(blockID: 9, keyIndex: 0)
        let path = folder.path + "/" + identifier.uuidString + ".key"
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int == 0o600)
        #expect(try FileManager.default.attributesOfItem(atPath: folder.path)[.posixPermissions] as? Int == 0o700)
        let base64 = Data(keys[0].testBytes).base64EncodedString()
        #expect(try String(contentsOfFile: path, encoding: .utf8).contains(base64))
        _ = try await store.reserveForMaster(master: "A", slave: "B", count: 1, sizeBits: 256)
        _ = try await store.deliverToSlave([identifier], master: "A", slave: "B")
        let contents = try String(contentsOfFile: path, encoding: .utf8)
        #expect(!contents.contains(base64) && contents.contains("\"delivered\""))
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int == 0o600)
    }

    /// Leftover temporary files (a crash mid-write) are removed on opening; a damaged key file
    /// stops the store with its name rather than being skipped.
    @Test func leftoversAreRemovedAndDamagedFilesNamed() async throws {
        let folder = TemporaryStoreFolder()
        defer { folder.remove() }
        let store = try KeyStore(directory: folder.path, keySizeBits: 256)
        try await store.deposit(blockID: 2, keys: TemporaryStoreFolder.keys(count: 2, seed: 5))
        let leftover = folder.path + "/.half-written.key.tmp"
        #expect(FileManager.default.createFile(atPath: leftover, contents: Data([1, 2, 3])))
        #expect(try await KeyStore(directory: folder.path, keySizeBits: 256).readyKeyCount == 2)
        #expect(!FileManager.default.fileExists(atPath: leftover))

        let name = KeyIdentifier(blockID: 2, keyIndex: 1).uuidString + ".key"
        try Data("{\"format\": 1".utf8).write(to: URL(fileURLWithPath: folder.path + "/" + name))
        #expect {
            try KeyStore(directory: folder.path, keySizeBits: 256)
        } throws: { error in
            guard case .corruptKeyFile(let fileName, _) = error as? KeyStoreError else { return false }
            return fileName == name
        }
        #expect(throws: KeyStoreError.wrongKeySize(KeyIdentifier(blockID: 2, keyIndex: 0), bits: 256, expectedBits: 128)) {
            try FileManager.default.removeItem(atPath: folder.path + "/" + name)
            return try KeyStore(directory: folder.path, keySizeBits: 128)
        }
    }

    /// Deposits of the wrong size or under an id already used are refused before anything is written.
    @Test func badDepositsAreRefused() async throws {
        let folder = TemporaryStoreFolder()
        defer { folder.remove() }
        let store = try KeyStore(directory: folder.path, keySizeBits: 256)
        await #expect(throws: KeyStoreError.wrongKeySize(KeyIdentifier(blockID: 1, keyIndex: 1), bits: 128, expectedBits: 256)) {
            try await store.deposit(blockID: 1, keys: TemporaryStoreFolder.keys(count: 1, seed: 6) + TemporaryStoreFolder.keys(count: 1, bits: 128, seed: 6))
        }
        #expect(await store.readyKeyCount == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
        try await store.deposit(blockID: 1, keys: TemporaryStoreFolder.keys(count: 1, seed: 6))
        await #expect(throws: KeyStoreError.duplicateKeyID(KeyIdentifier(blockID: 1, keyIndex: 0))) {
            try await store.deposit(blockID: 1, keys: TemporaryStoreFolder.keys(count: 1, seed: 7))
        }
        #expect(throws: KeyStoreError.unsupportedKeySize(requestedBits: 100, unitBits: 100)) {
            try KeyStore(directory: folder.path, keySizeBits: 100)
        }
    }
}
