public import LinkProtocol

/// A message a role wants sent: the node seals it (``LinkProtocol/LinkSession/seal(_:payload:)``)
/// and the transport carries the frame. Sent in the order the role returned them.
public struct OutgoingLinkMessage: Sendable, Equatable {
    /// The frame's message type.
    public let messageType: LinkMessageType
    /// The payload bytes.
    public let payload: [UInt8]

    /// A message of `messageType` carrying `payload`.
    public init(_ messageType: LinkMessageType, payload: [UInt8]) {
        self.messageType = messageType
        self.payload = payload
    }
}
