/// The JSON bodies of ETSI GS QKD 014 V1.1.1 ("Protocol and data format of REST-based key
/// delivery API", 2019-02), clause 6, with the standard's field names. Extension fields
/// (`status_extension`, `key_ID_extension`, `key_extension`, …) are not used by this KME and are
/// omitted; `additional_slave_SAE_IDs` is read and must be empty (`max_SAE_ID_count` is 0).

/// Clause 6.1, Status: the answer to "Get status" (clause 5.2).
public struct ETSIStatus: Codable, Sendable, Equatable {
    /// This KME.
    public let sourceKMEID: String
    /// The KME at the other end of the link.
    public let targetKMEID: String
    /// The master SAE (the caller of enc_keys).
    public let masterSAEID: String
    /// The slave SAE (the caller of dec_keys).
    public let slaveSAEID: String
    /// Default size of a key, in bits.
    public let keySize: Int
    /// Keys available for this master/slave pair.
    public let storedKeyCount: Int
    /// The most keys the KME can store.
    public let maxKeyCount: Int
    /// The most keys one request may ask for.
    public let maxKeyPerRequest: Int
    /// The largest key size a request may ask for, in bits.
    public let maxKeySize: Int
    /// The smallest key size a request may ask for, in bits.
    public let minKeySize: Int
    /// The most additional slave SAEs a request may name (0: key multicast is not offered).
    public let maxSAEIDCount: Int

    enum CodingKeys: String, CodingKey {
        case sourceKMEID = "source_KME_ID", targetKMEID = "target_KME_ID"
        case masterSAEID = "master_SAE_ID", slaveSAEID = "slave_SAE_ID"
        case keySize = "key_size", storedKeyCount = "stored_key_count", maxKeyCount = "max_key_count"
        case maxKeyPerRequest = "max_key_per_request", maxKeySize = "max_key_size", minKeySize = "min_key_size"
        case maxSAEIDCount = "max_SAE_ID_count"
    }
}

/// Clause 6.2, Key request: the body of "Get key" (clause 5.3, POST enc_keys); absent fields
/// take the defaults (one key of the status' `key_size`).
public struct ETSIKeyRequest: Codable, Sendable, Equatable {
    /// Number of keys requested (default 1).
    public let number: Int?
    /// Size of each key in bits (default `key_size`).
    public let size: Int?
    /// Further slave SAEs for key multicast; must be absent or empty here.
    public let additionalSlaveSAEIDs: [String]?

    /// A request for `number` keys of `size` bits.
    public init(number: Int? = nil, size: Int? = nil, additionalSlaveSAEIDs: [String]? = nil) {
        self.number = number
        self.size = size
        self.additionalSlaveSAEIDs = additionalSlaveSAEIDs
    }

    enum CodingKeys: String, CodingKey {
        case number, size
        case additionalSlaveSAEIDs = "additional_slave_SAE_IDs"
    }
}

/// Clause 6.4, Key IDs: the body of "Get key with key IDs" (clause 5.4, POST dec_keys).
public struct ETSIKeyIDs: Codable, Sendable, Equatable {
    /// One entry per key asked for.
    public struct Entry: Codable, Sendable, Equatable {
        /// The key's id as the master received it.
        public let keyID: String
        /// An entry for `keyID`.
        public init(keyID: String) { self.keyID = keyID }
        enum CodingKeys: String, CodingKey { case keyID = "key_ID" }
    }

    /// The ids asked for.
    public let keyIDs: [Entry]
    /// A body listing `keyIDs`.
    public init(keyIDs: [Entry]) { self.keyIDs = keyIDs }
    enum CodingKeys: String, CodingKey { case keyIDs = "key_IDs" }
}

/// Clause 6.3, Key container: the answer to both "Get key" and "Get key with key IDs".
/// Its description lists the ids only.
public struct ETSIKeyContainer: Codable, Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The keys, in the order asked for.
    public let keys: [ETSIKey]
    /// A container of `keys`.
    public init(keys: [ETSIKey]) { self.keys = keys }

    /// "keys [<key_ID>, …], key bytes redacted".
    public var description: String { "keys \(keys.map(\.keyID)), key bytes redacted" }
    /// The same as ``description``.
    public var debugDescription: String { description }
    /// Only the ids are visible to `dump` and mirrors.
    public var customMirror: Mirror { Mirror(self, children: ["keyIDs": keys.map(\.keyID)], displayStyle: .struct) }
}

/// One key of a container: `key_ID` and `key` (base64). Printing shows the id only.
public struct ETSIKey: Codable, Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The key's id (a UUID, ``KeyIdentifier``).
    public let keyID: String
    /// The key's bytes, base64 (RFC 4648 section 4).
    public let key: String

    /// An entry for `identifier` with `material`.
    public init(identifier: KeyIdentifier, material: KeyMaterial) {
        keyID = identifier.uuidString
        key = material.base64
    }

    enum CodingKeys: String, CodingKey { case keyID = "key_ID", key }

    /// "key_ID <uuid>, key redacted".
    public var description: String { "key_ID \(keyID), key redacted" }
    /// The same as ``description``.
    public var debugDescription: String { description }
    /// Only the id is visible to `dump` and mirrors.
    public var customMirror: Mirror { Mirror(self, children: ["keyID": keyID], displayStyle: .struct) }
}

/// Clause 6.5, Error: the body of every 400, 401 and 503 answer.
public struct ETSIErrorBody: Codable, Sendable, Equatable, Error {
    /// What went wrong, for a person.
    public let message: String
    /// Details, each a one-entry object such as {"key_ID": "…"}; absent when there are none.
    public let details: [[String: String]]?

    /// An error body.
    public init(message: String, details: [[String: String]]? = nil) {
        self.message = message
        self.details = details
    }
}
