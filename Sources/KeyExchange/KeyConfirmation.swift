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
