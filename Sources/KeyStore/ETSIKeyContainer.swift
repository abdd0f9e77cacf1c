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
