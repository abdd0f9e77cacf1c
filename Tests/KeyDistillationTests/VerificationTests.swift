import KeyDistillation
import SeededRandom
import Testing

@Suite struct VerificationTests {
    /// A single flipped bit at each of the 1000 positions of a key (and at 200 random positions of
    /// a 10⁵-bit key) changes the tag. Each pass has probability ≤ L/p ≈ 10⁻¹⁷ of a collision, so
    /// a pass here would mean a broken hash, not bad luck (seed 61).
    @Test func aSingleFlippedBitAnywhereIsCaught() throws {
        var generator = Xoshiro256StarStar(seed: 61)
        let key = BitString.random(count: 1000, using: &generator)
        let tag = Verification.tagMessage(of: key, seed: 62)
        #expect(try Verification.matches(VerificationTag(decoding: tag.encode()), key: key))
        for position in 0..<key.count {
            var flipped = key
            flipped.flip(position)
            #expect(try !Verification.matches(tag, key: flipped), "flip at \(position)")
        }
        let long = BitString.random(count: 100_000, using: &generator)
        let longTag = Verification.tagMessage(of: long, seed: 63)
        for _ in 0..<200 {
            var flipped = long
            flipped.flip(Int(generator.next(upperBound: 100_000)))
            #expect(try !Verification.matches(longTag, key: flipped))
        }
    }

    /// The tag is the polynomial evaluation described in the doc comment: for a 40-bit key
    /// (chunks c₁ = low 32 bits, c₂ = bits 32 … 39) tag = 40·r² + c₁·r + c₂ mod p, with r the
    /// seed's first draw below p, computed here with full-width division as the reference.
    @Test func tagIsThePolynomialOverGF2To61MinusOne() throws {
        let key = try BitString(words: [0xAB_1234_5678], count: 40)
        var generator = Xoshiro256StarStar(seed: 64)
        let r = generator.next(upperBound: Verification.modulus)
        func mulmod(_ a: UInt64, _ b: UInt64) -> UInt64 {
            let product = a.multipliedFullWidth(by: b)
            return Verification.modulus.dividingFullWidth((product.high, product.low)).remainder
        }
        let expected = (mulmod(mulmod(40, r), r) + mulmod(0x1234_5678, r) + 0xAB) % Verification.modulus
        #expect(Verification.tag(of: key, seed: 64) == expected)
    }

    @Test func collisionBoundAndLengthMismatch() throws {
        // ε_cor = ⌈n/32⌉/(2⁶¹ − 1): 10⁶ bits → 31 250 / 2 305 843 009 213 693 951 ≈ 1.355·10⁻¹⁴.
        #expect(abs(Verification.collisionProbability(keyBits: 1_000_000) / 1.3552527156068805e-14 - 1) < 1e-12)
        do {
            _ = try Verification.matches(VerificationTag(seed: 1, keyBits: 64, tag: 0), key: BitString(zeros: 63))
            Issue.record("accepted")
        } catch { #expect(error.description.contains("64 bits") && error.description.contains("63")) }
    }
}
