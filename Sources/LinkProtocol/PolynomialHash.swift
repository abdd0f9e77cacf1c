/// The polynomial-evaluation hash over GF(2¹²⁷ − 1): an ε-almost-Δ-universal family whose
/// one-time-padded output is the Wegman–Carter tag (see ``LinkAuthenticator``).
///
/// The message is cut into blocks of 15 bytes; block i (little-endian, with a 1 byte appended
/// after its last byte, as in Poly1305, so blocks of different lengths never coincide) is the
/// integer cᵢ < 2¹²¹ < p. With the key k ∈ GF(p) the hash of L blocks is
///
///     h_k(m) = c₁·k^L + c₂·k^(L−1) + … + c_L·k   (mod p),
///
/// evaluated by Horner's rule. For two different messages of at most L blocks, h_k(m) − h_k(m′) − δ
/// is a non-zero polynomial in k of degree ≤ L, so it has at most L roots and
/// Pr_k[h_k(m) − h_k(m′) = δ] ≤ L / p for every δ (den Boer, "A simple and key-economical
/// unconditional authentication scheme", J. Comp. Sec. 2, 65 (1993); Stinson, "Universal hashing
/// and authentication codes", Des. Codes Cryptogr. 4, 369 (1994); Bernstein,
/// "The Poly1305-AES message-authentication code", FSE 2005, Theorem 3.3 for the same argument).
public struct PolynomialHash: Sendable {
    /// Message bytes per polynomial coefficient.
    public static let blockBytes = 15

    /// The evaluation point k, an element of GF(p).
    let key: UInt128

    /// A hash with evaluation point `keyBytes` mod p (16 bytes, big-endian; the top bit is
    /// ignored, so k is uniform on 2¹²⁷ values folded onto p, statistical distance ≤ 2⁻¹²⁶).
    init(keyBytes: some Collection<UInt8>) {
        key = Mersenne127.reduce(UInt128(bigEndianBytes: keyBytes) & Mersenne127.modulus)
    }

    /// h_k(message), an element of GF(p).
    func evaluate(_ message: [UInt8]) -> UInt128 {
        var accumulator: UInt128 = 0
        var start = 0
        while start < message.count {
            let end = min(start + Self.blockBytes, message.count)
            var coefficient: UInt128 = 1 << (8 * UInt128(end - start))
            for index in start..<end {
                coefficient |= UInt128(message[index]) << (8 * UInt128(index - start))
            }
            accumulator = Mersenne127.multiply(Mersenne127.add(accumulator, coefficient), key)
            start = end
        }
        return accumulator
    }

    /// The number of polynomial coefficients L for a message of `messageBytes` bytes (at least 1).
    public static func coefficientCount(messageBytes: Int) -> Int {
        max(1, (messageBytes + blockBytes - 1) / blockBytes)
    }

    /// ε of the one-time-padded tag for messages up to `messageBytes` long: the chance that one
    /// forged (message, tag) pair is accepted after the adversary saw a valid pair under the same
    /// pad. ε = L/p from the polynomial's degree (see the type's doc), plus 2⁻¹²⁶ for the pad being
    /// drawn from 2¹²⁷ values rather than exactly uniform on GF(p). For a 4 MiB frame
    /// (4 194 288 bytes hashed), L = 279 620 and ε ≈ 1.6·10⁻³³.
    public static func forgeryProbabilityBound(messageBytes: Int) -> Double {
        Double(coefficientCount(messageBytes: messageBytes)) * 0x1p-127 / (1 - 0x1p-127) + 0x1p-126
    }
}

extension UInt128 {
    /// The integer whose big-endian bytes are the first 16 of `bytes` (fewer bytes: the low ones).
    init(bigEndianBytes bytes: some Collection<UInt8>) {
        var value: UInt128 = 0
        for byte in bytes.prefix(16) { value = value << 8 | UInt128(byte) }
        self = value
    }

    /// The 16 big-endian bytes of this integer.
    var bigEndianBytes: [UInt8] {
        (0..<16).map { UInt8(truncatingIfNeeded: self >> (8 * UInt128(15 - $0))) }
    }
}
