/// What every block message starts with, so a node recognises a stray or late message from
/// another block and refuses it: the link's block id and the detection range the block covers
/// (cycle indices `detectionRange.lowerBound ..< detectionRange.upperBound`).
///
/// Wire: UInt64 block id, UInt64 first index, UInt64 end index (> first), little-endian like the
/// distillation messages it precedes; then the step's own message bytes (docs/key-distillation.md).
public struct KeyBlockHeader: Hashable, Sendable, CustomStringConvertible {
    /// Bytes of the header on the wire.
    public static let byteCount = 24
    /// The link's block number (never reused: it becomes part of every key_ID).
    public let blockID: UInt64
    /// The cycle indices whose detections make the block.
    public let detectionRange: Range<UInt64>

    /// The header of block `blockID` over `detectionRange`.
    public init(blockID: UInt64, detectionRange: Range<UInt64>) {
        self.blockID = blockID
        self.detectionRange = detectionRange
    }

    /// "block 7 (detections 1000 ..< 2000)".
    public var description: String { "block \(blockID) (detections \(detectionRange.lowerBound) ..< \(detectionRange.upperBound))" }

    /// The header's bytes followed by `body`.
    func framing(_ body: [UInt8]) -> [UInt8] {
        var bytes = LittleEndianWriter()
        bytes.append(blockID)
        bytes.append(detectionRange.lowerBound)
        bytes.append(detectionRange.upperBound)
        return bytes.bytes + body
    }

    /// Splits a block message into its header and body; throws naming the message when the
    /// header is truncated or its range is empty.
    static func split(_ payload: [UInt8], message: String) throws(KeyExchangeViolation) -> (header: KeyBlockHeader, body: [UInt8]) {
        var reader = LittleEndianReader(payload, message: message)
        let blockID = try reader.readUInt64(), first = try reader.readUInt64(), end = try reader.readUInt64()
        guard end > first else { throw KeyExchangeViolation("\(message): empty detection range \(first) ..< \(end)") }
        return (KeyBlockHeader(blockID: blockID, detectionRange: first..<end), Array(payload.dropFirst(byteCount)))
    }

    /// The header a block message starts with (a node routes block messages by it, and Bob opens
    /// his role for a new block from the sifting message's header); nil for a payload too short
    /// or with an empty range.
    public init?(leadingBytesOf payload: [UInt8]) {
        guard let (header, _) = try? Self.split(payload, message: "block message") else { return nil }
        self = header
    }
}
