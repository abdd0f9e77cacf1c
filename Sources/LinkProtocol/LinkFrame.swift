/// One frame as it came off the wire, before its tag is checked.
public struct LinkFrame: Sendable, Equatable {
    /// The protocol version (byte 4).
    public let version: UInt8
    /// The message type (byte 5).
    public let messageType: LinkMessageType
    /// The sender's sequence number for this direction (bytes 6–13).
    public let sequenceNumber: UInt64
    /// Header and payload: the bytes the tag covers.
    public let authenticatedBytes: [UInt8]
    /// The 16-byte authentication tag.
    public let tag: [UInt8]

    /// The payload (bytes 18 ..< 18 + length).
    public var payload: ArraySlice<UInt8> { authenticatedBytes[LinkFrameLayout.headerBytes...] }
}
