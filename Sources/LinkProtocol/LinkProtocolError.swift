/// Why the link refused a frame, a key or a setting: each case names the field, the value found
/// and the limit or the value expected. Every case of a received frame means the stream can no
/// longer be trusted: the transport closes the connection and logs ``description``.
public enum LinkProtocolError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Bytes 0–3 are not "QDLK".
    case badMagic(found: [UInt8])
    /// Byte 4 names a version this code cannot read.
    case unsupportedVersion(found: UInt8, supported: [UInt8])
    /// Byte 5 is no ``LinkMessageType``.
    case unknownMessageType(UInt8)
    /// Bytes 14–17 declare a payload above the limit.
    case payloadTooLong(declaredBytes: Int, maximumBytes: Int)
    /// The stream ended inside a frame.
    case truncatedFrame(receivedBytes: Int, expectedBytes: Int)
    /// The tag does not match the frame: it was changed, or not written with this direction's key.
    case authenticationTagMismatch(sequenceNumber: UInt64, messageType: UInt8)
    /// A sequence number at or below one already accepted: a replayed or reordered frame.
    case replayedSequenceNumber(found: UInt64, lastAccepted: UInt64)
    /// Sending (or checking frame `sequenceNumber`) needs more one-time-pad bits than the pool holds.
    case authenticationKeyPoolExhausted(sequenceNumber: UInt64, neededBits: Int, remainingBits: Int)
    /// Sending needs pad `sequenceNumber`, but the saved state claims pads only below
    /// `reservedBelow`: save a newer snapshot first (``LinkSession/snapshot(reservingOutgoingPads:)``).
    case outgoingPadNotReserved(sequenceNumber: UInt64, reservedBelow: UInt64)
    /// A payload to send is above the limit.
    case outgoingPayloadTooLong(bytes: Int, maximumBytes: Int)
    /// A frame limit outside what the layout allows.
    case invalidFrameLimit(maximumFrameBytes: Int, allowed: ClosedRange<Int>)
    /// The pre-shared secret is too short to key both directions.
    case preSharedSecretTooShort(bytes: Int, minimumBytes: Int)
    /// Key material to add is not a whole number of 128-bit pads.
    case replenishmentNotWholePads(bytes: Int, padBytes: Int)
    /// A payload that does not decode as its message type says (``LinkHello``, ``LinkAbort``).
    case malformedPayload(messageType: UInt8, reason: String)

    public var description: String {
        switch self {
        case .badMagic(let found):
            "bad magic in frame bytes 0–3: \(hex(found)), expected \(hex(LinkFrameLayout.magic)) (\"QDLK\")"
        case .unsupportedVersion(let found, let supported):
            "unsupported protocol version in frame byte 4: \(found), this node reads \(supported)"
        case .unknownMessageType(let found):
            "unknown message type in frame byte 5: 0x\(String(found, radix: 16))"
        case .payloadTooLong(let declared, let maximum):
            "payload length in frame bytes 14–17 is \(declared) bytes, above the limit of \(maximum) bytes"
        case .truncatedFrame(let received, let expected):
            "stream ended inside a frame: \(received) of \(expected) bytes arrived"
        case .authenticationTagMismatch(let sequence, let type):
            "authentication tag mismatch on frame \(sequence) (type 0x\(String(type, radix: 16))): frame altered or not from the peer"
        case .replayedSequenceNumber(let found, let last):
            "replayed or reordered frame: sequence number \(found) is not above the last accepted \(last)"
        case .authenticationKeyPoolExhausted(let sequence, let needed, let remaining):
            "authentication key pool exhausted at frame \(sequence): \(needed) bits needed, \(remaining) left; replenish it first"
        case .outgoingPadNotReserved(let sequence, let end):
            "outgoing pad \(sequence) is not reserved by the saved session state (reserved below \(end)); save a newer snapshot first"
        case .outgoingPayloadTooLong(let bytes, let maximum):
            "payload to send is \(bytes) bytes, above the limit of \(maximum) bytes"
        case .invalidFrameLimit(let bytes, let allowed):
            "frame limit \(bytes) bytes outside \(allowed.lowerBound)…\(allowed.upperBound)"
        case .preSharedSecretTooShort(let bytes, let minimum):
            "pre-shared secret is \(bytes) bytes, at least \(minimum) needed (two hash keys and one pad per direction)"
        case .replenishmentNotWholePads(let bytes, let pad):
            "replenishment of \(bytes) bytes is not a multiple of \(pad) bytes (one pad per direction)"
        case .malformedPayload(let type, let reason):
            "malformed payload of message type 0x\(String(type, radix: 16)): \(reason)"
        }
    }
}

private func hex(_ bytes: [UInt8]) -> String {
    bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined(separator: " ")
}
