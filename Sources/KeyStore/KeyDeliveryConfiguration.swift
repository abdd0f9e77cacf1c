/// What the ETSI GS QKD 014 request layer needs besides the store: who this KME is, which
/// applications may talk to it, and its limits (reported by "Get status", clause 5.2 / 6.1).
public struct KeyDeliveryConfiguration: Sendable {
    /// This node's KME id (`source_KME_ID`).
    public let localKMEID: String
    /// The peer node's KME id (`target_KME_ID`).
    public let peerKMEID: String
    /// The SAE pairs allowed; the caller's SAE id comes from its TLS client certificate.
    public let saePairs: [SAEPair]
    /// `max_key_count`: the most keys the store will hold.
    public let maximumKeyCount: Int
    /// `max_key_per_request`.
    public let maximumKeysPerRequest: Int
    /// `min_key_size`, bits (a multiple of 8; the maximum is the store's key size).
    public let minimumKeySizeBits: Int

    /// A configuration; see the properties.
    public init(localKMEID: String, peerKMEID: String, saePairs: [SAEPair], maximumKeyCount: Int = 100_000,
                maximumKeysPerRequest: Int = 128, minimumKeySizeBits: Int = 8) {
        self.localKMEID = localKMEID
        self.peerKMEID = peerKMEID
        self.saePairs = saePairs
        self.maximumKeyCount = maximumKeyCount
        self.maximumKeysPerRequest = maximumKeysPerRequest
        self.minimumKeySizeBits = minimumKeySizeBits
    }
}
