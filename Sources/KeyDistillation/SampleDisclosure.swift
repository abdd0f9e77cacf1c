/// Parameter estimation's message: the seed that picks the sample positions, the sample size,
/// the sifted-key length the sender holds, and the sender's bits at those positions.
/// Alice sends hers with a seed she chose; Bob answers with his bits at the same positions.
///
/// Wire: kind 0x02, UInt64 seed, UInt32 key length, then the sample bits as a bit string.
public struct SampleDisclosure: Hashable, Sendable {
    static let kind: UInt8 = 0x02

    /// The seed of the sample positions (``ParameterEstimation/samplePositions(seed:sampleSize:keyLength:)``).
    public var seed: UInt64
    /// The sifted-key length the positions were drawn from.
    public var keyLength: Int
    /// The sender's bits at the sample positions, in position order.
    public var bits: BitString

    /// A disclosure.
    public init(seed: UInt64, keyLength: Int, bits: BitString) {
        self.seed = seed
        self.keyLength = keyLength
        self.bits = bits
    }

    /// The message bytes.
    public func encode() -> [UInt8] {
        var writer = WireWriter(kind: Self.kind)
        writer.append(seed)
        writer.append(UInt32(keyLength))
        writer.append(bits)
        return writer.bytes
    }

    /// Decodes `bytes`; throws on a wrong kind, truncation, trailing bytes, a key longer than
    /// 2²⁴ bits or a sample longer than the key.
    public init(decoding bytes: [UInt8]) throws(KeyDistillationError) {
        var reader = try WireReader(bytes, kind: Self.kind, message: "sample disclosure")
        let seed = try reader.readUInt64()
        let keyLength = try reader.readCount("key length", limit: WireFormat.maximumBlockBits)
        let bits = try reader.readBits("sample bits")
        guard bits.count <= keyLength else {
            throw .malformedMessage(message: "sample disclosure", detail: "sample of \(bits.count) bits from a key of \(keyLength)")
        }
        try reader.finish()
        self.init(seed: seed, keyLength: keyLength, bits: bits)
    }
}
