@testable import LinkProtocol
import SeededRandom
import Testing

/// The field GF(2¹²⁷ − 1) and the polynomial hash against closed forms.
@Suite struct PolynomialHashTests {
    private let p = Mersenne127.modulus

    /// a^(p−1) = 1 for every a ≠ 0 (Fermat's little theorem; p is prime): exercises the
    /// multiplication and its folding over ~254 squarings and products per value. 64 values
    /// drawn with seed 14, plus the edge values 1, 2 and p − 1.
    @Test func fermatsLittleTheoremHolds() {
        var generator = Xoshiro256StarStar(seed: 14)
        var values: [UInt128] = [1, 2, p - 1]
        for _ in 0..<64 {
            let value = Mersenne127.reduce(UInt128(generator.next()) << 64 | UInt128(generator.next()))
            values.append(value == 0 ? 3 : value)
        }
        for value in values {
            #expect(power(value, p - 1) == 1, "a = \(value)")
        }
    }

    /// Products that fit in 128 bits reduce like the integer remainder; (p − 1)² = (−1)² = 1;
    /// 2¹²⁶ · 2 = 2¹²⁷ ≡ 1.
    @Test func multiplicationMatchesIntegerRemainders() {
        var generator = Xoshiro256StarStar(seed: 15)
        for _ in 0..<1000 {
            let a = UInt128(generator.next()), b = UInt128(generator.next() >> 1)
            #expect(Mersenne127.multiply(a, b) == (a * b) % p)
        }
        #expect(Mersenne127.multiply(p - 1, p - 1) == 1)
        #expect(Mersenne127.multiply(1 << 126, 2) == 1)
        #expect(Mersenne127.add(p - 1, 1) == 0)
    }

    /// h_k of one and two blocks is c₁·k and c₁·k² + c₂·k, each block with its 1 byte appended.
    @Test func hashIsThePolynomialOfTheBlocks() {
        let hash = PolynomialHash(keyBytes: (0..<16).map { UInt8($0 * 7 + 3) })
        let k = hash.key
        let one: [UInt8] = [0x01, 0x02, 0x03]
        let c1: UInt128 = 0x01_03_02_01  // bytes little-endian, then the marker 2²⁴
        #expect(hash.evaluate(one) == Mersenne127.multiply(c1, k))
        let two = [UInt8](repeating: 0xAB, count: 15) + [0x7F]
        let full = (0..<15).reduce(UInt128(1) << 120) { $0 | UInt128(0xAB) << (8 * UInt128($1)) }
        let last: UInt128 = 0x01_7F
        #expect(hash.evaluate(two) == Mersenne127.add(Mersenne127.multiply(full, Mersenne127.multiply(k, k)),
                                                        Mersenne127.multiply(last, k)))
        // A trailing zero byte changes the block (the marker moves), so the hash changes.
        #expect(hash.evaluate(one + [0]) != hash.evaluate(one))
    }

    /// The Wegman–Carter tag is the hash shifted by the pad: for one message, two pads r₁, r₂
    /// give tags that differ by exactly r₁ − r₂ (mod p), so a uniform pad makes the tag uniform
    /// and hides h_k(m) (Wegman and Carter 1981, section 4). 100 pad pairs, seed 16.
    @Test func tagIsTheHashShiftedByThePad() throws {
        var generator = Xoshiro256StarStar(seed: 16)
        let message = (0..<50).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        let authenticator = LinkAuthenticator(hash: PolynomialHash(keyBytes: (0..<16).map { _ in UInt8(truncatingIfNeeded: generator.next()) }),
                                              pool: try AuthenticationKeyPool(padMaterial: []))
        #expect(authenticator.tag(message, pad: 0) == authenticator.hash.evaluate(message).bigEndianBytes)
        for _ in 0..<100 {
            let r1 = Mersenne127.reduce(UInt128(generator.next()) << 64 | UInt128(generator.next()))
            let r2 = Mersenne127.reduce(UInt128(generator.next()) << 63 | UInt128(generator.next()))
            let t1 = UInt128(bigEndianBytes: authenticator.tag(message, pad: r1))
            let t2 = UInt128(bigEndianBytes: authenticator.tag(message, pad: r2))
            #expect(Mersenne127.add(t2, Mersenne127.add(r1, p - r2)) == t1)
        }
    }

    /// ε = L/p + 2⁻¹²⁶ with L = ⌈n/15⌉: 1.6·10⁻³³ for a 4 MiB frame (4 MiB − 16 tag bytes hashed).
    @Test func forgeryBoundFollowsTheCoefficientCount() {
        #expect(PolynomialHash.coefficientCount(messageBytes: 0) == 1)
        #expect(PolynomialHash.coefficientCount(messageBytes: 15) == 1)
        #expect(PolynomialHash.coefficientCount(messageBytes: 16) == 2)
        let frameBytes = LinkFrameLimits.standard.maximumFrameBytes - LinkFrameLayout.tagBytes
        #expect(PolynomialHash.coefficientCount(messageBytes: frameBytes) == 279_620)
        let epsilon = PolynomialHash.forgeryProbabilityBound(messageBytes: frameBytes)
        #expect(abs(epsilon / (279_620 * 0x1p-127 + 0x1p-126) - 1) < 1e-12)
        #expect(epsilon > 1.6e-33 && epsilon < 1.7e-33)
    }

    private func power(_ base: UInt128, _ exponent: UInt128) -> UInt128 {
        var result: UInt128 = 1, square = base, remaining = exponent
        while remaining > 0 {
            if remaining & 1 == 1 { result = Mersenne127.multiply(result, square) }
            square = Mersenne127.multiply(square, square)
            remaining >>= 1
        }
        return result
    }
}
