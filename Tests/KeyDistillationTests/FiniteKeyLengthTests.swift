import Analysis
import KeyDistillation
import Testing

@Suite struct FiniteKeyLengthTests {
    /// A worked number, by hand: n = 10⁶, k = 10⁵, ε_sec = 10⁻¹⁰, ε_cor = 10⁻¹⁵, Q_tol = 2 %,
    /// leak_EC = 150 000, q = 1.
    ///   (n + k)/(nk) = 1.1·10⁶/10¹¹ = 1.1·10⁻⁵;  (k + 1)/k = 1.00001;  ln(4/ε_sec) = 2 ln 2 + 10 ln 10 = 24.4121453
    ///   μ² = 1.1·10⁻⁵ · 1.00001 · 24.4121453 = 2.6853628·10⁻⁴  →  μ = 0.01638708
    ///   h(0.03638708) = −0.03638708·log₂ 0.03638708 − 0.96361292·log₂ 0.96361292 = 0.1739459 + 0.0515286 = 0.2254745
    ///   log₂(2/(ε_sec²·ε_cor)) = log₂ 2 + 35·log₂ 10 = 1 + 116.2674833 = 117.2674833
    ///   ℓ = 10⁶·(1 − 0.2254745) − 150 000 − 117.27 = 774 525.55 − 150 117.27 = 624 408.28
    @Test func workedNumber() throws {
        let mu = try FiniteKeyLength.statisticalDeviation(keyBits: 1_000_000, sampleBits: 100_000, epsilonSecrecy: 1e-10)
        #expect(abs(mu - 0.01638708) < 1e-8)
        let length = try FiniteKeyLength.secretLength(keyBits: 1_000_000, sampleBits: 100_000, toleratedQBER: 0.02, leakedBits: 150_000,
                                                      epsilonSecrecy: 1e-10, epsilonCorrectness: 1e-15)
        #expect(abs(length - 624_408.28) < 0.05)
        #expect(try FiniteKeyLength.secretBits(keyBits: 1_000_000, sampleBits: 100_000, toleratedQBER: 0.02, leakedBits: 150_000,
                                               epsilonSecrecy: 1e-10, epsilonCorrectness: 1e-15) == 624_408)
    }

    /// n = k → ∞, leak = n·h(Q) (f = 1): ℓ/n → 1 − 2h(Q), the asymptotic BB84/BBM92 rate
    /// (Shor and Preskill, PRL 85, 441 (2000)). μ ∝ n^(−1/2): at n = 10¹⁶, μ = 7.0·10⁻⁸ and the rate
    /// is within 10⁻⁵ of the limit (the slowest case is Q = 0, where h(μ) ≈ μ·log₂(1/μ) = 1.7·10⁻⁶);
    /// at n = 10⁶ it is clearly below it.
    @Test(arguments: [0.0, 0.02, 0.05, 0.1])
    func approachesOneMinusTwoEntropyForLargeBlocks(qber: Double) throws {
        let limit = 1 - 2 * BBM92.binaryEntropy(qber)
        func rate(_ n: Int) throws -> Double {
            try FiniteKeyLength.secretLength(keyBits: n, sampleBits: n, toleratedQBER: qber, leakedBits: Int((Double(n) * BBM92.binaryEntropy(qber)).rounded()),
                                             epsilonSecrecy: 1e-10, epsilonCorrectness: 1e-15) / Double(n)
        }
        #expect(abs(try rate(10_000_000_000_000_000) - limit) < 1e-5)
        #expect(try rate(1_000_000) < limit - 0.01)
        #expect(try rate(1_000_000) < (try rate(100_000_000)))
    }

    /// At 11 % the asymptotic rate is zero (1 − 2h(0.11) ≈ 0.0000); any finite block gives ℓ < 0.
    @Test func noKeyAtTheThreshold() throws {
        #expect(try FiniteKeyLength.secretBits(keyBits: 10_000_000, sampleBits: 1_000_000, toleratedQBER: 0.11,
                                               leakedBits: Int(1e7 * BBM92.binaryEntropy(0.11)), epsilonSecrecy: 1e-10, epsilonCorrectness: 1e-15) == 0)
    }

    @Test func parametersOutOfRangeAreRejected() {
        #expect(throws: KeyDistillationError.self) { try FiniteKeyLength.statisticalDeviation(keyBits: 0, sampleBits: 10, epsilonSecrecy: 1e-10) }
        #expect(throws: KeyDistillationError.self) { try FiniteKeyLength.statisticalDeviation(keyBits: 10, sampleBits: 10, epsilonSecrecy: 0) }
        #expect(throws: KeyDistillationError.self) { try FiniteKeyLength.statisticalDeviation(keyBits: 10, sampleBits: 10, epsilonSecrecy: 1) }
        #expect(throws: KeyDistillationError.self) {
            try FiniteKeyLength.secretLength(keyBits: 10, sampleBits: 10, toleratedQBER: 0.6, leakedBits: 0, epsilonSecrecy: 1e-10, epsilonCorrectness: 1e-10)
        }
        #expect(throws: KeyDistillationError.self) {
            try FiniteKeyLength.secretLength(keyBits: 10, sampleBits: 10, toleratedQBER: 0.1, leakedBits: -1, epsilonSecrecy: 1e-10, epsilonCorrectness: 1e-10)
        }
        #expect(throws: KeyDistillationError.self) {
            try FiniteKeyLength.secretLength(keyBits: 10, sampleBits: 10, toleratedQBER: 0.1, leakedBits: 0, epsilonSecrecy: 1e-10, epsilonCorrectness: .nan)
        }
    }
}
