import SeededRandom

/// Privacy amplification by Toeplitz hashing: the m × n binary Toeplitz matrix T with
/// T[i][j] = s[i − j + n − 1] from a seed string s of n + m − 1 bits maps the n-bit reconciled
/// key x to the m-bit final key y = T·x over GF(2). Toeplitz matrices with a uniform seed are a
/// universal₂ family (H. Krawczyk, CRYPTO '94, LNCS 839, 129), so the leftover hash lemma applies
/// (M. Hayashi and T. Tsurumaru, IEEE Trans. Inf. Theory 62, 2213 (2016), for its use in QKD).
///
/// Fast: yᵢ = Σⱼ s[i + n − 1 − j]·xⱼ is the coefficient of z^(i+n−1) in the GF(2) polynomial
/// product S(z)·X(z) (S = Σ s_k z^k, X = Σ x_j z^j) — the middle of the product — computed by
/// Karatsuba on 64-bit words with carry-less multiplication (``GF2Polynomial``), Θ(n^1.58)
/// instead of the matrix's Θ(n·m).
///
/// The seed: the leftover hash lemma needs s uniform and independent of the key, so the link sends
/// the whole string (``PrivacyAmplificationSeed``). ``init(inputBits:outputBits:seed:)`` expands a
/// 64-bit seed with xoshiro256**, for tests and benchmarks only.
public struct ToeplitzHash: Sendable {
    /// n, the length of the key it hashes.
    public let inputBits: Int
    /// m, the length of the key it outputs.
    public let outputBits: Int
    /// s, n + m − 1 bits.
    public let seedBits: BitString

    /// The hash with seed string `seedBits` (n + m − 1 bits). Throws when m is not in 1 … n or the
    /// seed's length is not n + m − 1.
    public init(inputBits: Int, outputBits: Int, seedBits: BitString) throws(KeyDistillationError) {
        guard inputBits >= 1, inputBits <= WireFormat.maximumBlockBits, outputBits >= 1, outputBits <= inputBits else {
            throw .invalidParameter(name: "Toeplitz hash size", value: "\(inputBits) → \(outputBits) bits",
                                    expected: "1 ≤ output ≤ input ≤ \(WireFormat.maximumBlockBits) bits")
        }
        guard seedBits.count == inputBits + outputBits - 1 else {
            throw .invalidParameter(name: "Toeplitz seed", value: "\(seedBits.count) bits", expected: "n + m − 1 = \(inputBits + outputBits - 1) bits")
        }
        self.inputBits = inputBits
        self.outputBits = outputBits
        self.seedBits = seedBits
    }

    /// The hash whose seed string is xoshiro256**(`seed`)'s first n + m − 1 bits.
    public init(inputBits: Int, outputBits: Int, seed: UInt64) throws(KeyDistillationError) {
        var generator = Xoshiro256StarStar(seed: seed)
        try self.init(inputBits: inputBits, outputBits: outputBits,
                      seedBits: BitString.random(count: max(0, inputBits + outputBits - 1), using: &generator))
    }

    /// y = T·x. Throws when `key` is not n bits long.
    public func hash(_ key: BitString) throws(KeyDistillationError) -> BitString {
        guard key.count == inputBits else {
            throw .invalidParameter(name: "Toeplitz input", value: "\(key.count) bits", expected: "\(inputBits) bits")
        }
        var size = 1
        while size < key.words.count { size *= 2 }
        let keyWords = key.words + [UInt64](repeating: 0, count: size - key.words.count)
        // S = Σ_c S_c·z^(64·size·c): one size × size product per chunk, added at its offset.
        let chunkCount = (seedBits.words.count + size - 1) / size
        var product = [UInt64](repeating: 0, count: (chunkCount + 1) * size)
        for chunk in 0..<chunkCount {
            let lower = chunk * size, upper = min(lower + size, seedBits.words.count)
            var seedChunk = Array(seedBits.words[lower..<upper])
            seedChunk += [UInt64](repeating: 0, count: size - seedChunk.count)
            let partial = GF2Polynomial.multiply(keyWords, seedChunk, usedWordsOfB: upper - lower)
            for index in partial.indices { product[lower + index] ^= partial[index] }
        }
        let whole = try BitString(words: product, count: product.count * 64)
        return whole.slice((inputBits - 1) ..< (inputBits - 1 + outputBits))
    }

    /// y = T·x bit by bit from the matrix's definition, Θ(n·m): the reference the fast product is
    /// tested against (small sizes only).
    public func hashByMatrix(_ key: BitString) throws(KeyDistillationError) -> BitString {
        guard key.count == inputBits else {
            throw .invalidParameter(name: "Toeplitz input", value: "\(key.count) bits", expected: "\(inputBits) bits")
        }
        var output = BitString(zeros: outputBits)
        for row in 0..<outputBits {
            var bit = false
            for column in 0..<inputBits where key[column] && seedBits[row - column + inputBits - 1] { bit.toggle() }
            output[row] = bit
        }
        return output
    }
}

/// Privacy amplification's message, from the side that picks the hash: the sizes and the whole
/// seed string s (n + m − 1 bits), so the seed is exactly what the picking side drew. The leftover
/// hash lemma needs s uniform and independent of the key: a lab node draws it from the operating
/// system's generator after the key is fixed; a simulated run draws it from its seeded stream so
/// the run reproduces. (A 64-bit seed expanded by a pseudo-random generator would make the hash
/// family only computationally random, which the finite-key bound does not cover.)
///
/// Wire: kind 0x07, UInt32 input bits n, UInt32 output bits m, the seed as a bit string of exactly
/// n + m − 1 bits (about 2·n/8 bytes: 250 kB for a 10⁶-bit block).
public struct PrivacyAmplificationSeed: Hashable, Sendable {
    static let kind: UInt8 = 0x07
    /// n.
    public var inputBits: Int
    /// m.
    public var outputBits: Int
    /// s, n + m − 1 bits.
    public var seedBits: BitString

    /// A seed message with the seed string `seedBits`.
    public init(inputBits: Int, outputBits: Int, seedBits: BitString) {
        self.inputBits = inputBits
        self.outputBits = outputBits
        self.seedBits = seedBits
    }

    /// A seed message whose n + m − 1 seed bits are drawn from `generator` (the system generator
    /// on a lab node; a seeded one in a reproducible simulation).
    public init(inputBits: Int, outputBits: Int, drawingFrom generator: inout some RandomNumberGenerator) {
        self.init(inputBits: inputBits, outputBits: outputBits,
                  seedBits: BitString.random(count: max(0, inputBits + outputBits - 1), using: &generator))
    }

    /// The hash it names; throws when the sizes or the seed's length do not fit together.
    public func hash() throws(KeyDistillationError) -> ToeplitzHash {
        try ToeplitzHash(inputBits: inputBits, outputBits: outputBits, seedBits: seedBits)
    }

    /// The message bytes.
    public func encode() -> [UInt8] {
        var writer = WireWriter(kind: Self.kind)
        writer.append(UInt32(inputBits))
        writer.append(UInt32(outputBits))
        writer.append(seedBits)
        return writer.bytes
    }

    /// The largest message: two sizes and a seed string of 2·2²⁴ − 1 bits.
    static let limitBytes = 1 + 4 + 4 + 4 + (2 * WireFormat.maximumBlockBits / 64) * 8

    /// Decodes `bytes`; throws on a wrong kind or length, sizes out of range or a seed string whose
    /// length is not n + m − 1.
    public init(decoding bytes: [UInt8]) throws(KeyDistillationError) {
        var reader = try WireReader(bytes, kind: Self.kind, message: "privacy amplification seed", limitBytes: Self.limitBytes)
        let inputBits = try reader.readCount("input bits", limit: WireFormat.maximumBlockBits)
        let outputBits = try reader.readCount("output bits", limit: WireFormat.maximumBlockBits)
        guard outputBits >= 1, outputBits <= inputBits else {
            throw .malformedMessage(message: "privacy amplification seed", detail: "output \(outputBits) bits from input \(inputBits) bits")
        }
        let seedBits = try reader.readBits("seed", limit: 2 * WireFormat.maximumBlockBits - 1)
        try reader.finish()
        guard seedBits.count == inputBits + outputBits - 1 else {
            throw .malformedMessage(message: "privacy amplification seed",
                                    detail: "seed of \(seedBits.count) bits for n = \(inputBits), m = \(outputBits) (needs n + m − 1 = \(inputBits + outputBits - 1))")
        }
        self.init(inputBits: inputBits, outputBits: outputBits, seedBits: seedBits)
    }
}

extension ToeplitzHash {
    /// True when the carry-less products run on the CPU's instruction (x86-64 PCLMULQDQ), false
    /// for the portable loop (same bits, slower).
    public static var usesHardwareCarrylessMultiply: Bool { GF2Polynomial.usesHardwareCarrylessMultiply }

    /// Makes every hash use the portable carry-less loop (true) or the CPU's instruction where it
    /// exists (false, the default) — for measuring the difference (`qdot-bench key-distillation`).
    public static func forcePortableCarrylessMultiply(_ portable: Bool) { GF2Polynomial.forcePortable(portable) }
}
