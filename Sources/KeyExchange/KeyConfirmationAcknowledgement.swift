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
