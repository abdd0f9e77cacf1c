internal import Foundation
#if canImport(Glibc)
internal import Glibc
#endif

/// The store's side of the link's two-phase commit (docs/link-exchange.md): a block's keys are
/// first written *pending* — on the disk, invisible to enc_keys and dec_keys — and become ready
/// keys only by ``commit(blockID:)``, or vanish by ``discard(blockID:)``.
///
/// Commit writes every key file not yet present, makes them durable, and only then removes the
/// pending file: a crash in between leaves the pending file, and committing again finishes the
/// job (keys already written are kept, never written twice). A pending block is only ever read
/// back from its file, so what a restart sees is exactly what the disk holds.
extension KeyStore {
    /// The ids of the blocks held pending, in increasing order (read from the folder).
    public func pendingBlocks() throws(KeyStoreError) -> [UInt64] {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: directory) } catch {
            throw .fileSystem(operation: "list", path: directory, errno: 0)
        }
        return names.compactMap(PendingKeyBlockFile.blockID(fileName:)).sorted()
    }

    /// Holds block `blockID`'s final keys (key i will be key_ID (blockID, i)) and the bits set
    /// aside from it as pending, durably, before it returns. Refuses a block that already has a
    /// pending file or a stored key, keys of another size, or set-aside bits that are not whole bytes.
    public func depositPending(blockID: UInt64, keys newKeys: [KeyMaterial], setAside: KeyMaterial) throws(KeyStoreError) {
        guard newKeys.count <= Int(UInt32.max) + 1 else { throw .tooManyKeysInBlock(count: newKeys.count) }
        let first = KeyIdentifier(blockID: blockID, keyIndex: 0)
        guard try !pendingBlocks().contains(blockID), keys[first] == nil else { throw .duplicateKeyID(first) }
        for (index, material) in newKeys.enumerated() where material.bitCount != keySizeBits {
            throw .wrongKeySize(KeyIdentifier(blockID: blockID, keyIndex: UInt32(index)), bits: material.bitCount, expectedBits: keySizeBits)
        }
        let file = PendingKeyBlockFile(format: PendingKeyBlockFile.currentFormat, blockID: blockID,
                                       keys: newKeys.map(\.base64), setAside: setAside.base64)
        let contents: Data
        do { contents = try JSONEncoder().encode(file) } catch {
            throw .corruptKeyFile(fileName: PendingKeyBlockFile.fileName(blockID: blockID), reason: "cannot encode: \(error)")
        }
        try DurableFile.replace(directory: directory, name: PendingKeyBlockFile.fileName(blockID: blockID), contents: Array(contents))
        try DurableFile.synchronizeDirectory(directory)
    }

    /// Makes pending block `blockID` deliverable: its keys become ready keys, durably, then its
    /// pending file goes. Returns the bits set aside from the block (for the authentication pools).
    /// Throws ``KeyStoreError/unknownKeyID(_:)`` naming the block when it is not pending.
    @discardableResult
    public func commit(blockID: UInt64) throws(KeyStoreError) -> KeyMaterial {
        let pending = try readPending(blockID: blockID)
        var added: [KeyIdentifier] = []
        for (index, material) in pending.keys.enumerated() {
            let identifier = KeyIdentifier(blockID: blockID, keyIndex: UInt32(index))
            guard keys[identifier] == nil else { continue }
            try write(StoredKey(identifier: identifier, material: material, state: .ready))
            added.append(identifier)
        }
        try DurableFile.synchronizeDirectory(directory)
        readyQueue = (readyQueue + added).sorted()
        try removePending(blockID: blockID)
        return pending.setAside
    }

    /// Forgets pending block `blockID` (its keys are never delivered). Throws when it is not pending.
    public func discard(blockID: UInt64) throws(KeyStoreError) {
        _ = try readPending(blockID: blockID)
        try removePending(blockID: blockID)
    }

    /// True when block `blockID` is committed here: its first key is stored (in any state).
    public func holdsCommittedBlock(_ blockID: UInt64) -> Bool {
        keys[KeyIdentifier(blockID: blockID, keyIndex: 0)] != nil
    }

    /// Keys stored (in any state) from block `blockID`.
    public func keyCount(blockID: UInt64) -> Int {
        keys.keys.reduce(0) { $0 + ($1.blockID == blockID ? 1 : 0) }
    }

    private func readPending(blockID: UInt64) throws(KeyStoreError) -> (keys: [KeyMaterial], setAside: KeyMaterial) {
        let name = PendingKeyBlockFile.fileName(blockID: blockID)
        guard let data = FileManager.default.contents(atPath: directory + "/" + name) else {
            throw .unknownKeyID("block \(blockID) (no pending file \(name))")
        }
        let file: PendingKeyBlockFile
        do { file = try JSONDecoder().decode(PendingKeyBlockFile.self, from: data) } catch {
            throw .corruptKeyFile(fileName: name, reason: "not a pending block file: \(error)")
        }
        guard file.format == PendingKeyBlockFile.currentFormat, file.blockID == blockID else {
            throw .corruptKeyFile(fileName: name, reason: "format \(file.format), block \(file.blockID)")
        }
        var materials: [KeyMaterial] = []
        for (index, text) in file.keys.enumerated() {
            guard let material = KeyMaterial(base64: text), material.bitCount == keySizeBits else {
                throw .corruptKeyFile(fileName: name, reason: "key \(index) is not base64 of \(keySizeBits) bits")
            }
            materials.append(material)
        }
        guard let setAside = KeyMaterial(base64: file.setAside) else { throw .corruptKeyFile(fileName: name, reason: "set_aside is not base64") }
        return (materials, setAside)
    }

    private func removePending(blockID: UInt64) throws(KeyStoreError) {
        let path = directory + "/" + PendingKeyBlockFile.fileName(blockID: blockID)
        guard unlink(path) == 0 else { throw .fileSystem(operation: "unlink", path: path, errno: errno) }
        try DurableFile.synchronizeDirectory(directory)
    }
}
