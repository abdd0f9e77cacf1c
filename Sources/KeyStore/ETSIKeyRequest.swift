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
