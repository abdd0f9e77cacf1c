/// One key in the store: its id, its bytes (none once delivered to both sides) and its state.
/// Its description shows the id and the state, never the bytes.
public struct StoredKey: Sendable, Equatable, CustomStringConvertible {
    /// The key's id.
    public let identifier: KeyIdentifier
    /// The bytes, nil once delivered to both sides.
    public let material: KeyMaterial?
    /// The delivery state.
    public let state: KeyDeliveryState

    /// A key with the given id, bytes and state.
    public init(identifier: KeyIdentifier, material: KeyMaterial?, state: KeyDeliveryState) {
        self.identifier = identifier
        self.material = material
        self.state = state
    }

    /// "key_ID <uuid>, <state>, ‹N-bit key, redacted›".
    public var description: String {
        "key_ID \(identifier), \(state), \(material.map(\.description) ?? "erased")"
    }
}
