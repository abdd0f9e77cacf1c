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
