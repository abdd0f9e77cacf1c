@testable import KeyDistillation
import SeededRandom
import Testing

@Suite struct GF2PolynomialTests {
    /// a·b over GF(2) by shift-and-xor, one set bit of a at a time: the definition.
    static func shiftAndXor(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
        var product = [UInt64](repeating: 0, count: a.count + b.count)
        for bit in 0..<(64 * a.count) where (a[bit >> 6] >> UInt64(bit & 63)) & 1 == 1 {
            let wordShift = bit >> 6, bitShift = UInt64(bit & 63)
            for (index, word) in b.enumerated() {
                product[index + wordShift] ^= word << bitShift
                if bitShift != 0 { product[index + wordShift + 1] ^= word >> (64 - bitShift) }
            }
        }
        return product
    }

    /// Karatsuba with the carry-less base case equals shift-and-xor on 32-word (2048-bit) operands,
    /// three levels above the 8-word base case, with b's upper words zero from `usedWords` on (the
    /// two-product branch for usedWords ≤ 16, and its mixes below), seed 95.
    @Test(arguments: [1, 5, 8, 9, 16, 17, 24, 31, 32])
    func karatsubaEqualsShiftAndXor(usedWords: Int) {
        var generator = Xoshiro256StarStar(seed: 95 &+ UInt64(usedWords))
        let a = (0..<32).map { _ in generator.next() }
        let b = (0..<32).map { $0 < usedWords ? generator.next() : 0 }
        #expect(GF2Polynomial.multiply(a, b, usedWordsOfB: usedWords) == Self.shiftAndXor(a, b))
        #expect(GF2Polynomial.multiply(a, b) == Self.shiftAndXor(a, b))
    }

    /// The portable loop (what a CPU without PCLMULQDQ runs) gives the same bits as the
    /// definition too (seed 96; on such a CPU both lines test the portable path).
    @Test func portableBaseCaseEqualsShiftAndXor() {
        var generator = Xoshiro256StarStar(seed: 96)
        let a = (0..<32).map { _ in generator.next() }, b = (0..<32).map { _ in generator.next() }
        GF2Polynomial.forcePortable(true)
        defer { GF2Polynomial.forcePortable(false) }
        #expect(!GF2Polynomial.usesHardwareCarrylessMultiply)
        #expect(GF2Polynomial.multiply(a, b) == Self.shiftAndXor(a, b))
        #expect(GF2Polynomial.multiply([1 << 63], [1 << 63]) == [0, 1 << 62])
        #expect(GF2Polynomial.multiply([~0], [~0]) == [0x5555_5555_5555_5555, 0x5555_5555_5555_5555])
        #expect(GF2Polynomial.multiply([0xF000_0000_0000_0001], [0xF000_0000_0000_0003]) == Self.shiftAndXor([0xF000_0000_0000_0001], [0xF000_0000_0000_0003]))
    }

    /// The word product itself at its corners: x⁶³·x⁶³ = x¹²⁶ (bit 62 of the high word), and
    /// (2⁶⁴ − 1)² = Σ x^(2i) (every even bit), whichever of the hardware and portable paths runs.
    @Test func wordProductCorners() {
        #expect(GF2Polynomial.multiply([1 << 63], [1 << 63]) == [0, 1 << 62])
        #expect(GF2Polynomial.multiply([~0], [~0]) == [0x5555_5555_5555_5555, 0x5555_5555_5555_5555])
    }
}
