public import LinkProtocol

/// Why the store refused a request or could not read or write its folder. Messages name key ids,
/// SAE ids, sizes and paths, never key bytes.
public enum KeyStoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A key id that the store has never held.
    case unknownKeyID(String)
    /// Text that is not a key id of this store's layout.
    case malformedKeyID(String)
    /// A key already delivered to both sides.
    case alreadyDelivered(KeyIdentifier)
    /// A key reserved for another master/slave pair than the caller's.
    case reservedForAnotherSAE(KeyIdentifier)
    /// A key not yet handed to a master, asked for by a slave.
    case notReserved(KeyIdentifier)
    /// A key asked to be reserved that is no longer ready.
    case notReady(KeyIdentifier)
    /// Fewer ready keys than asked for.
    case notEnoughKeys(requested: Int, available: Int)
    /// A deposited key whose length is not the store's key size.
    case wrongKeySize(KeyIdentifier, bits: Int, expectedBits: Int)
    /// A deposited key id already in the store.
    case duplicateKeyID(KeyIdentifier)
    /// A block with more keys than a 32-bit key index can number.
    case tooManyKeysInBlock(count: Int)
    /// A requested size the store cannot cut keys to.
    case unsupportedKeySize(requestedBits: Int, unitBits: Int)
    /// A file in the store's folder that does not read back.
    case corruptKeyFile(fileName: String, reason: String)
    /// The saved link session state (``LinkSessionStateFile``) does not decode.
    case corruptSessionState(fileName: String, LinkSessionSnapshotError)
    /// The store's folder could not be made.
    case cannotCreateDirectory(path: String, reason: String)
    /// A system call on the store's folder failed.
    case fileSystem(operation: String, path: String, errno: Int32)

    public var description: String {
        switch self {
        case .unknownKeyID(let text): "key_ID \(text) is unknown to this KME"
        case .malformedKeyID(let text): "key_ID \"\(text)\" is not a key id issued by this link"
        case .alreadyDelivered(let id): "key_ID \(id) was already delivered"
        case .reservedForAnotherSAE(let id): "key_ID \(id) is reserved for another SAE"
        case .notReserved(let id): "key_ID \(id) has not been handed to a master SAE"
        case .notReady(let id): "key_ID \(id) is not available for reservation"
        case .notEnoughKeys(let requested, let available): "\(requested) keys requested, \(available) available"
        case .wrongKeySize(let id, let bits, let expected): "key_ID \(id) has \(bits) bits, the store holds \(expected)-bit keys"
        case .duplicateKeyID(let id): "key_ID \(id) is already in the store"
        case .tooManyKeysInBlock(let count): "\(count) keys in one block, at most 2³² can be numbered"
        case .unsupportedKeySize(let requested, let unit):
            "size \(requested) bits: must be a multiple of 8 from 8 to the stored key size \(unit)"
        case .corruptKeyFile(let name, let reason): "key file \(name): \(reason)"
        case .corruptSessionState(let name, let error): "\(name): \(error)"
        case .cannotCreateDirectory(let path, let reason): "cannot create the key store folder \(path): \(reason)"
        case .fileSystem(let operation, let path, let errno): "\(operation) \(path) failed (errno \(errno))"
        }
    }
}
