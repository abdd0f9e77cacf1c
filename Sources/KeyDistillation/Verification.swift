import SeededRandom

/// Verification after error correction: both parties hash their reconciled keys with the same
/// randomly chosen universal hash and compare tags; a block whose tags differ is discarded, never
/// delivered.
///
/// The hash is a polynomial over the prime field GF(p), p = 2⁶¹ − 1 (Carter and Wegman, JCSS 18,
/// 143 (1979); the polynomial family as in Bierbrauer et al., CRYPTO '93): the key is cut into
/// L = ⌈n/32⌉ 32-bit chunks c₁ … c_L (bit order as in ``BitString``), and with r uniform in
/// GF(p) drawn from the seed, tag = n·r^L + c₁·r^(L−1) + … + c_L mod p (Horner's rule; the length
/// n in front binds the key length). Two different keys of n bits give the same tag only when r is
/// a root of their nonzero difference polynomial of degree ≤ L, so the collision probability over r
/// is at most L/p — the ε_cor of ``collisionProbability(keyBits:)``, independent of the keys (as long
/// as the seed is drawn after they are fixed).
public enum Verification {
    /// The field's prime, 2⁶¹ − 1 (a Mersenne prime, so reduction is a shift and an add).
    public static let modulus: UInt64 = (1 << 61) - 1
    /// The tag's length in bits (it is disclosed, so it counts as leakage).
    public static let tagBits = 61

    /// ε_cor = ⌈n/32⌉ / (2⁶¹ − 1), the probability that two different n-bit keys pass.
    public static func collisionProbability(keyBits: Int) -> Double {
        Double(max(1, (keyBits + 31) / 32)) / Double(modulus)
    }

    /// The tag of `key` for the hash `seed` selects.
    public static func tag(of key: BitString, seed: UInt64) -> UInt64 {
        var generator = Xoshiro256StarStar(seed: seed)
        let point = generator.next(upperBound: modulus)
        var accumulator = UInt64(key.count) % modulus
        let chunkCount = (key.count + 31) / 32
        for (index, word) in key.words.enumerated() {
            accumulator = add(multiply(accumulator, point), word & 0xFFFF_FFFF)
            // The last word's upper half is a chunk only when the key reaches into it.
            if 2 * index + 1 < chunkCount { accumulator = add(multiply(accumulator, point), word >> 32) }
        }
        return accumulator
    }

    /// This side's message: its tag for `seed`.
    public static func tagMessage(of key: BitString, seed: UInt64) -> VerificationTag {
        VerificationTag(seed: seed, keyBits: key.count, tag: tag(of: key, seed: seed))
    }

    /// True when `peer`'s tag equals this side's tag of `key` under the same seed (the block may be
    /// delivered); false otherwise. Throws when the peer hashed another key length.
    public static func matches(_ peer: VerificationTag, key: BitString) throws(KeyDistillationError) -> Bool {
        guard peer.keyBits == key.count else {
            throw .protocolMismatch(step: "verification", detail: "peer hashed \(peer.keyBits) bits, this side holds \(key.count)")
        }
        return tag(of: key, seed: peer.seed) == peer.tag
    }

    @inline(__always) static func multiply(_ left: UInt64, _ right: UInt64) -> UInt64 {
        let product = left.multipliedFullWidth(by: right)
        let low = product.low & modulus
        let high = (product.low >> 61) | (product.high << 3)
        return add(low, high)
    }

    @inline(__always) static func add(_ left: UInt64, _ right: UInt64) -> UInt64 {
        let sum = left + right
        return sum >= modulus ? sum - modulus : sum
    }
}

/// Verification's message: the seed of the hash, the key length hashed, and the tag.
///
/// Wire: kind 0x06, UInt64 seed, UInt32 key bits, UInt64 tag.
public struct VerificationTag: Hashable, Sendable {
    static let kind: UInt8 = 0x06
    /// Seed of the evaluation point r.
    public var seed: UInt64
    /// Length of the hashed key.
    public var keyBits: Int
    /// The tag, < 2⁶¹ − 1.
    public var tag: UInt64

    /// A tag message.
    public init(seed: UInt64, keyBits: Int, tag: UInt64) {
        self.seed = seed
        self.keyBits = keyBits
        self.tag = tag
    }

    /// The message bytes.
    public func encode() -> [UInt8] {
        var writer = WireWriter(kind: Self.kind)
        writer.append(seed)
        writer.append(UInt32(keyBits))
        writer.append(tag)
        return writer.bytes
    }

    /// Decodes `bytes`; throws on a wrong kind or length, a key over 2²⁴ bits or a tag ≥ p.
    public init(decoding bytes: [UInt8]) throws(KeyDistillationError) {
        var reader = try WireReader(bytes, kind: Self.kind, message: "verification tag", limitBytes: 21)
        let seed = try reader.readUInt64()
        let keyBits = try reader.readCount("key bits", limit: WireFormat.maximumBlockBits)
        let tag = try reader.readUInt64()
        try reader.finish()
        guard tag < Verification.modulus else {
            throw .malformedMessage(message: "verification tag", detail: "tag \(tag) is not below 2⁶¹ − 1")
        }
        self.init(seed: seed, keyBits: keyBits, tag: tag)
    }
}
