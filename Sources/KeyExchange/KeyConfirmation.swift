/// Alice's key confirmation (0x60), sent once her copy of the block is on her disk as pending:
/// the final key's length, how many keys it was cut into and how many bits were set aside for the
/// authentication pools. Bob commits only when his numbers are the same.
///
/// Wire (after the ``KeyBlockHeader``): UInt32 final bits, UInt32 key count, UInt32 set-aside bits.
public struct KeyConfirmation: Hashable, Sendable {
    /// The final (privacy-amplified) key's length in bits.
    public let finalBits: Int
    /// Keys of the store's size cut from it.
    public let keyCount: Int
    /// Bits set aside for the Wegman–Carter pools, both directions together.
    public let setAsideBits: Int

    /// A confirmation of these numbers.
    public init(finalBits: Int, keyCount: Int, setAsideBits: Int) {
        self.finalBits = finalBits
        self.keyCount = keyCount
        self.setAsideBits = setAsideBits
    }

    func encode() -> [UInt8] {
        var writer = LittleEndianWriter()
        for value in [finalBits, keyCount, setAsideBits] { writer.append(UInt32(truncatingIfNeeded: value)) }
        return writer.bytes
    }

    init(decoding bytes: [UInt8]) throws(KeyExchangeViolation) {
        var reader = LittleEndianReader(bytes, message: "key confirmation")
        finalBits = Int(try reader.readUInt32())
        keyCount = Int(try reader.readUInt32())
        setAsideBits = Int(try reader.readUInt32())
        try reader.finish()
    }
}

/// Bob's answer to key confirmation (0x61): the block's keys are committed in his store.
///
/// Wire (after the ``KeyBlockHeader``): UInt32 key count.
struct KeyConfirmationAcknowledgement: Hashable, Sendable {
    let keyCount: Int

    func encode() -> [UInt8] {
        var writer = LittleEndianWriter()
        writer.append(UInt32(truncatingIfNeeded: keyCount))
        return writer.bytes
    }

    init(keyCount: Int) { self.keyCount = keyCount }

    init(decoding bytes: [UInt8]) throws(KeyExchangeViolation) {
        var reader = LittleEndianReader(bytes, message: "key confirmation acknowledgement")
        keyCount = Int(try reader.readUInt32())
        try reader.finish()
    }
}

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
