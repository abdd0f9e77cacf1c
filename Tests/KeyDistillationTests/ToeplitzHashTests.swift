import KeyDistillation
import SeededRandom
import Testing

@Suite struct ToeplitzHashTests {
    /// The fast product (Karatsuba + carry-less multiply) equals the matrix's bit-by-bit
    /// definition for sizes around word and base-case boundaries (the hardware base case is 8 words
    /// = 512 bits, so n ≥ 513 exercises the recursion; n = 2100 recurses three times; for n = 1025
    /// the seed's second chunk is a single word), seeds 71 + n.
    @Test(arguments: [(1, 1), (2, 1), (63, 30), (64, 64), (65, 1), (200, 137), (1024, 700), (1025, 1025), (1500, 3), (2100, 1900)])
    func fastHashEqualsTheMatrixProduct(inputBits: Int, outputBits: Int) throws {
        var generator = Xoshiro256StarStar(seed: 71 &+ UInt64(inputBits))
        let hash = try ToeplitzHash(inputBits: inputBits, outputBits: outputBits, seed: generator.next())
        for _ in 0..<3 {
            let key = BitString.random(count: inputBits, using: &generator)
            #expect(try hash.hash(key) == hash.hashByMatrix(key))
        }
    }

    /// The matrix is Toeplitz: T[i][j] = s[i − j + n − 1]. With a seed string that has one set bit
    /// s[t], the output for key bit j alone is the unit vector at i = t + j − (n − 1) (when in range).
    @Test func aSingleSeedBitGivesTheShiftedUnitVector() throws {
        let n = 130, m = 70
        for t in [0, 1, 64, 129, 198] {
            var seed = BitString(zeros: n + m - 1)
            seed[t] = true
            let hash = try ToeplitzHash(inputBits: n, outputBits: m, seedBits: seed)
            for j in [0, 5, 64, 129] {
                var key = BitString(zeros: n)
                key[j] = true
                var expected = BitString(zeros: m)
                let row = t + j - (n - 1)
                if row >= 0, row < m { expected[row] = true }
                #expect(try hash.hash(key) == expected, "s[\(t)], x[\(j)]")
            }
        }
    }

    /// GF(2)-linearity on a key large enough for several recursion levels: T(x ⊕ y) = Tx ⊕ Ty (seed 72).
    @Test func hashIsLinearOverGF2() throws {
        var generator = Xoshiro256StarStar(seed: 72)
        let hash = try ToeplitzHash(inputBits: 50_000, outputBits: 30_000, seed: 73)
        let x = BitString.random(count: 50_000, using: &generator), y = BitString.random(count: 50_000, using: &generator)
        #expect(try hash.hash(x ^ y) == (try hash.hash(x)) ^ (try hash.hash(y)))
        #expect(try hash.hash(BitString(zeros: 50_000)).popcount == 0)
    }

    @Test func sizesAndSeedsOutOfRangeAreRejected() {
        #expect(throws: KeyDistillationError.self) { try ToeplitzHash(inputBits: 10, outputBits: 11, seed: 1) }
        #expect(throws: KeyDistillationError.self) { try ToeplitzHash(inputBits: 10, outputBits: 0, seed: 1) }
        #expect(throws: KeyDistillationError.self) { try ToeplitzHash(inputBits: 10, outputBits: 5, seedBits: BitString(zeros: 15)) }
        do {
            _ = try ToeplitzHash(inputBits: 10, outputBits: 5, seed: 1).hash(BitString(zeros: 9))
            Issue.record("accepted")
        } catch { #expect(error.description.contains("9 bits") && error.description.contains("10 bits")) }
    }
}
