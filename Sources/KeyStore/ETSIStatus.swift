/// Clause 6.1, Status: the answer to "Get status" (clause 5.2).
///
/// The ETSI* types are the JSON bodies of ETSI GS QKD 014 V1.1.1 ("Protocol and data format of
/// REST-based key delivery API", 2019-02), clause 6, with the standard's field names (their
/// CodingKeys). Extension fields (`status_extension`, `key_ID_extension`, `key_extension`, …) are
/// not used by this KME and are omitted; `additional_slave_SAE_IDs` is read and must be empty
/// (`max_SAE_ID_count` is 0).
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
