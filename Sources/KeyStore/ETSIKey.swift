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
