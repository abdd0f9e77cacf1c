/// Arithmetic in the prime field GF(p) with p = 2¹²⁷ − 1, a Mersenne prime, where reduction
/// needs no division: 2¹²⁷ ≡ 1 (mod p), so the bits above position 127 fold back onto the low
/// ones (Knuth, TAOCP vol. 2, 3rd ed., section 4.3.2, exercise on moduli 2ᵉ − 1).
///
/// The authentication hash (``PolynomialHash``) evaluates its polynomial in this field.
enum Mersenne127 {
    /// The modulus p = 2¹²⁷ − 1.
    static let modulus: UInt128 = (1 << 127) - 1

    /// `value` mod p for any 128-bit value: value = hi·2¹²⁷ + lo ≡ hi + lo.
    @inline(__always)
    static func reduce(_ value: UInt128) -> UInt128 {
        let folded = (value & modulus) + (value >> 127)  // ≤ p + 1
        return folded >= modulus ? folded - modulus : folded
    }

    /// (a + b) mod p for a, b < p (their sum is below 2¹²⁸).
    @inline(__always)
    static func add(_ a: UInt128, _ b: UInt128) -> UInt128 {
        reduce(a + b)
    }

    /// (a · b) mod p for a, b < p. The product is below 2²⁵⁴: high·2¹²⁸ + low with high < 2¹²⁶,
    /// and 2¹²⁸ ≡ 2, so a·b ≡ 2·high + (low mod 2¹²⁷) + ⌊low / 2¹²⁷⌋, a sum below 2¹²⁸.
    @inline(__always)
    static func multiply(_ a: UInt128, _ b: UInt128) -> UInt128 {
        let (high, low) = a.multipliedFullWidth(by: b)
        return reduce((low & modulus) + (low >> 127) + (high << 1))
    }
}
