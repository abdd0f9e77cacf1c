/// After a restart, whether the peer committed a block this node holds pending (0x62), and the
/// answer (0x63). No detection range: the pending file keeps only the block id.
///
/// Wire: query UInt64 block id; reply UInt64 block id, UInt8 1 = committed, 0 = not committed
/// (and never will be: the peer forgot the block).
public struct BlockStatus: Hashable, Sendable {
    /// The block asked about.
    public let blockID: UInt64
    /// The answer (ignored in a query).
    public let committed: Bool

    /// A status (answer) of `blockID`.
    public init(blockID: UInt64, committed: Bool) {
        self.blockID = blockID
        self.committed = committed
    }

    func encodeQuery() -> [UInt8] {
        var writer = LittleEndianWriter()
        writer.append(blockID)
        return writer.bytes
    }

    func encodeReply() -> [UInt8] {
        var writer = LittleEndianWriter()
        writer.append(blockID)
        writer.append(committed ? 1 as UInt8 : 0)
        return writer.bytes
    }

    init(decodingQuery bytes: [UInt8]) throws(KeyExchangeViolation) {
        var reader = LittleEndianReader(bytes, message: "block status query")
        blockID = try reader.readUInt64()
        committed = false
        try reader.finish()
    }

    init(decodingReply bytes: [UInt8]) throws(KeyExchangeViolation) {
        var reader = LittleEndianReader(bytes, message: "block status reply")
        blockID = try reader.readUInt64()
        let flag = try reader.readByte()
        guard flag <= 1 else { throw KeyExchangeViolation("block status reply: status byte \(flag), expected 0 or 1") }
        committed = flag == 1
        try reader.finish()
    }
}
