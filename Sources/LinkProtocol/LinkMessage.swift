/// A message the peer sent, authenticated and in order.
public struct LinkMessage: Sendable, Equatable {
    /// What the payload is.
    public let messageType: LinkMessageType
    /// The peer's sequence number for it.
    public let sequenceNumber: UInt64
    /// The message's bytes, opaque to the link.
    public let payload: [UInt8]

    /// A message of `messageType` numbered `sequenceNumber` carrying `payload`.
    public init(messageType: LinkMessageType, sequenceNumber: UInt64, payload: [UInt8]) {
        self.messageType = messageType
        self.sequenceNumber = sequenceNumber
        self.payload = payload
    }
}
