internal import Foundation

/// The node's final keys waiting for applications, in a folder the node owns, surviving a
/// restart: one file per key (``StoredKeyFile``), every change written crash-safely
/// (``DurableFile``) and on the disk before the call returns.
///
/// Delivery happens at most once per side. A call that hands keys out persists their new state
/// first and returns them only afterwards; a crash between the two loses those keys for the
/// caller (they stay reserved, or recorded as delivered, and are never handed out again) rather
/// than risking that one key reaches two applications, or the master twice. The issue asks for
/// "no key delivered to only one side, none twice": a lost key costs throughput, a key delivered
/// twice breaks the one-time-pad and key-uniqueness guarantees the applications rely on, so the
/// store chooses the loss.
///
/// An actor: concurrent requests are served one after another, so no key is handed out twice.
public actor KeyStore {
    /// The folder the keys live in.
    public nonisolated let directory: String
    /// The length of every stored key, in bits (a multiple of 8).
    public nonisolated let keySizeBits: Int
    var keys: [KeyIdentifier: StoredKey] = [:]
    /// Ready keys in hand-out order (block, then index).
    var readyQueue: [KeyIdentifier] = []

    /// Opens (or creates, mode 0700) the store in `directory` for keys of `keySizeBits` bits,
    /// reading every key file; leftovers of interrupted writes are removed (the old file they
    /// were replacing is intact). Throws on a file that does not read back.
    public init(directory: String, keySizeBits: Int) throws(KeyStoreError) {
        guard keySizeBits > 0, keySizeBits % 8 == 0 else { throw .unsupportedKeySize(requestedBits: keySizeBits, unitBits: keySizeBits) }
        self.directory = directory
        self.keySizeBits = keySizeBits
        try DurableFile.createDirectory(directory)
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: directory) } catch {
            throw .cannotCreateDirectory(path: directory, reason: String(describing: error))
        }
        for name in names.sorted() {
            let path = directory + "/" + name
            if name.hasPrefix("."), name.hasSuffix(".tmp") {
                unlink(path)
                continue
            }
            guard name.hasSuffix(".key") else { continue }
            guard let data = FileManager.default.contents(atPath: path) else {
                throw .corruptKeyFile(fileName: name, reason: "cannot be read")
            }
            let file: StoredKeyFile
            do { file = try JSONDecoder().decode(StoredKeyFile.self, from: data) } catch {
                throw .corruptKeyFile(fileName: name, reason: "not a key file: \(error)")
            }
            let stored = try file.storedKey(fileName: name)
            if stored.state == .ready, let material = stored.material, material.bitCount != keySizeBits {
                throw .wrongKeySize(stored.identifier, bits: material.bitCount, expectedBits: keySizeBits)
            }
            keys[stored.identifier] = stored
        }
        readyQueue = keys.values.filter { $0.state == .ready }.map(\.identifier).sorted()
    }

    /// Keys ready to be handed to a master.
    public var readyKeyCount: Int { readyQueue.count }

    /// The stored record of `identifier` (bytes redacted in any printout), nil if unknown.
    public func storedKey(_ identifier: KeyIdentifier) -> StoredKey? { keys[identifier] }

    /// Adds block `blockID`'s final keys, key i under id (blockID, i), each ``keySizeBits`` long.
    /// All are checked before any is written; all are on the disk when it returns.
    public func deposit(blockID: UInt64, keys newKeys: [KeyMaterial]) throws(KeyStoreError) {
        guard newKeys.count <= Int(UInt32.max) + 1 else { throw .tooManyKeysInBlock(count: newKeys.count) }
        let identified = newKeys.enumerated().map { (KeyIdentifier(blockID: blockID, keyIndex: UInt32(truncatingIfNeeded: $0.offset)), $0.element) }
        for (identifier, material) in identified {
            guard keys[identifier] == nil else { throw .duplicateKeyID(identifier) }
            guard material.bitCount == keySizeBits else {
                throw .wrongKeySize(identifier, bits: material.bitCount, expectedBits: keySizeBits)
            }
        }
        for (identifier, material) in identified {
            try write(StoredKey(identifier: identifier, material: material, state: .ready))
        }
        try DurableFile.synchronizeDirectory(directory)
        readyQueue = (readyQueue + identified.map(\.0)).sorted()
    }

    /// Hands the `count` oldest ready keys to `master` for `slave`, cut to `sizeBits` (a multiple
    /// of 8 from 8 to ``keySizeBits``; the rest of each stored key is erased, never delivered).
    /// Their reservation is on the disk before they are returned.
    public func reserveForMaster(master: String, slave: String, count: Int, sizeBits: Int) throws(KeyStoreError)
        -> [(identifier: KeyIdentifier, material: KeyMaterial)] {
        try checkSize(sizeBits)
        guard count <= readyQueue.count else { throw .notEnoughKeys(requested: count, available: readyQueue.count) }
        return try reserve(Array(readyQueue.prefix(count)), master: master, slave: slave, sizeBits: sizeBits)
    }

    /// Reserves the listed ready keys for `slave` as handed to `master` at the peer node (its
    /// enc_keys), so this node's dec_keys can serve them and its enc_keys never hands them out.
    /// All are checked before any is written.
    public func reserve(_ identifiers: [KeyIdentifier], master: String, slave: String, sizeBits: Int) throws(KeyStoreError)
        -> [(identifier: KeyIdentifier, material: KeyMaterial)] {
        try checkSize(sizeBits)
        var seen: Set<KeyIdentifier> = []
        for identifier in identifiers {
            guard let stored = keys[identifier] else { throw .unknownKeyID(identifier.uuidString) }
            guard stored.state == .ready else { throw .notReady(identifier) }
            guard seen.insert(identifier).inserted else { throw .duplicateKeyID(identifier) }
        }
        var handedOut: [(identifier: KeyIdentifier, material: KeyMaterial)] = []
        for identifier in identifiers {
            guard let material = keys[identifier]?.material?.prefix(bits: sizeBits) else { continue }
            try write(StoredKey(identifier: identifier, material: material,
                                state: .reservedForSlave(master: master, slave: slave, sizeBits: sizeBits)))
            readyQueue.removeAll { $0 == identifier }
            handedOut.append((identifier, material))
        }
        try DurableFile.synchronizeDirectory(directory)
        return handedOut
    }

    /// Hands reserved keys to `slave`, who must be the slave and `master` the master they were
    /// reserved for; every id is checked before any is delivered. The keys are recorded as
    /// delivered (their bytes erased) on the disk before they are returned.
    public func deliverToSlave(_ identifiers: [KeyIdentifier], master: String, slave: String) throws(KeyStoreError)
        -> [(identifier: KeyIdentifier, material: KeyMaterial)] {
        var handedOut: [(identifier: KeyIdentifier, material: KeyMaterial)] = []
        for identifier in identifiers {
            guard let stored = keys[identifier] else { throw .unknownKeyID(identifier.uuidString) }
            switch stored.state {
            case .ready: throw .notReserved(identifier)
            case .delivered: throw .alreadyDelivered(identifier)
            case .reservedForSlave(let reservedMaster, let reservedSlave, _):
                guard reservedMaster == master, reservedSlave == slave, let material = stored.material else {
                    throw .reservedForAnotherSAE(identifier)
                }
                guard !handedOut.contains(where: { $0.identifier == identifier }) else { throw .alreadyDelivered(identifier) }
                handedOut.append((identifier, material))
            }
        }
        for (identifier, _) in handedOut {
            try write(StoredKey(identifier: identifier, material: nil, state: .delivered(master: master, slave: slave)))
        }
        try DurableFile.synchronizeDirectory(directory)
        return handedOut
    }

    private func checkSize(_ sizeBits: Int) throws(KeyStoreError) {
        guard sizeBits >= 8, sizeBits <= keySizeBits, sizeBits % 8 == 0 else {
            throw .unsupportedKeySize(requestedBits: sizeBits, unitBits: keySizeBits)
        }
    }

    /// Persists `stored` and only then records it in memory.
    func write(_ stored: StoredKey) throws(KeyStoreError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let contents: Data
        do { contents = try encoder.encode(StoredKeyFile(stored)) } catch {
            throw .corruptKeyFile(fileName: stored.identifier.uuidString + ".key", reason: "cannot encode: \(error)")
        }
        try DurableFile.replace(directory: directory, name: stored.identifier.uuidString + ".key", contents: Array(contents))
        keys[stored.identifier] = stored
    }
}
