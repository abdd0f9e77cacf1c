public import LinkProtocol

/// The transport's cumulative acknowledgement (message type 0x03, 8 bytes big-endian): "I have
/// accepted every frame of yours below `nextExpected`" — like TCP's ACK number, over the
/// session's sequence numbers. Sent as the first frame of each connection (the resume point),
/// after each batch of received messages, and as the keepalive.
public struct LinkAcknowledgement: Sendable, Equatable {
    /// The peer's next sequence number this side would accept; 0 before any.
    public let nextExpected: UInt64

    /// An acknowledgement of everything below `nextExpected`.
    public init(nextExpected: UInt64) { self.nextExpected = nextExpected }

    /// Reads a 0x03 payload; throws ``LinkProtocolError/malformedPayload(messageType:reason:)`` unless it is 8 bytes.
    public init(payload: [UInt8]) throws(LinkProtocolError) {
        guard payload.count == 8 else {
            throw .malformedPayload(messageType: LinkMessageType.linkAcknowledgement.rawValue,
                                    reason: "acknowledgement is \(payload.count) bytes, expected 8")
        }
        nextExpected = payload.reduce(0) { $0 << 8 | UInt64($1) }
    }

    /// The 8 payload bytes.
    public var payload: [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: nextExpected >> (56 - 8 * $0)) } }
}
