import KeyDistillation
import SeededRandom
import Testing

@Suite struct ParameterEstimationTests {
    /// A key pair of `count` bits whose error positions are each flipped with probability `qber`.
    static func keyPair(count: Int, qber: Double, seed: UInt64) -> (alice: BitString, bob: BitString) {
        var generator = Xoshiro256StarStar(seed: seed)
        let alice = BitString.random(count: count, using: &generator)
        var bob = alice
        for index in 0..<count where generator.nextUnitInterval() < qber { bob.flip(index) }
        return (alice, bob)
    }

    @Test func samplePositionsAreDistinctSortedInRangeAndTheSameForBothSides() throws {
        let positions = try ParameterEstimation.samplePositions(seed: 41, sampleSize: 500, keyLength: 2000)
        #expect(positions.count == 500 && Set(positions).count == 500)
        #expect(positions == positions.sorted() && positions.first! >= 0 && positions.last! < 2000)
        #expect(try ParameterEstimation.samplePositions(seed: 41, sampleSize: 500, keyLength: 2000) == positions)
        #expect(try ParameterEstimation.samplePositions(seed: 42, sampleSize: 500, keyLength: 2000) != positions)
    }

    /// Each position is sampled with probability k/n = 1/4. Over 400 seeds, position 0's count is
    /// Binomial(400, 1/4): 100 ± 8.7; the test allows 5σ (seeds 0 … 399), and the same for the last position.
    @Test func samplePositionsAreUniform() throws {
        var firstHits = 0, lastHits = 0
        for seed in 0..<400 {
            let positions = try ParameterEstimation.samplePositions(seed: UInt64(seed), sampleSize: 25, keyLength: 100)
            if positions.first == 0 { firstHits += 1 }
            if positions.last == 99 { lastHits += 1 }
        }
        let sigma = (400 * 0.25 * 0.75).squareRoot()
        #expect(abs(Double(firstHits) - 100) <= 5 * sigma && abs(Double(lastHits) - 100) <= 5 * sigma)
    }

    /// QBER 5 % on a 10 % sample of 10⁵ bits: Q̂ within 5σ of 0.05, σ = √(0.05·0.95/10⁴) = 0.0022
    /// (seed 43); the one-σ Clopper–Pearson interval holds Q̂; the remaining keys keep exactly the
    /// errors that were not sampled.
    @Test func qberEstimateAndRemainingKeys() throws {
        let (alice, bob) = Self.keyPair(count: 100_000, qber: 0.05, seed: 43)
        let aliceSample = try ParameterEstimation.disclose(key: alice, seed: 44, sampleSize: 10_000)
        let bobSample = try ParameterEstimation.answer(SampleDisclosure(decoding: aliceSample.encode()), key: bob)
        let estimate = try ParameterEstimation.estimate(own: bobSample, peer: aliceSample)
        #expect(estimate.sampleBits == 10_000)
        #expect(abs(estimate.value - 0.05) <= 5 * (0.05 * 0.95 / 10_000).squareRoot())
        #expect(abs(estimate.standardError - (estimate.value * (1 - estimate.value) / 10_000).squareRoot()) < 1e-15)
        #expect(estimate.interval.lower < estimate.value && estimate.value < estimate.interval.upper)
        let aliceRest = try ParameterEstimation.remainingKey(alice, after: aliceSample)
        let bobRest = try ParameterEstimation.remainingKey(bob, after: bobSample)
        #expect(aliceRest.count == 90_000 && bobRest.count == 90_000)
        #expect(aliceRest.hammingDistance(to: bobRest) == alice.hammingDistance(to: bob) - estimate.errors)
    }

    @Test func mismatchedKeysAndSamplesAreRejected() throws {
        let (alice, _) = Self.keyPair(count: 1000, qber: 0, seed: 45)
        let disclosure = try ParameterEstimation.disclose(key: alice, seed: 1, sampleSize: 100)
        do {
            _ = try ParameterEstimation.answer(disclosure, key: BitString(zeros: 999))
            Issue.record("accepted")
        } catch { #expect(error.description.contains("1000 bits") && error.description.contains("999")) }
        let other = try ParameterEstimation.disclose(key: alice, seed: 2, sampleSize: 100)
        #expect(throws: KeyDistillationError.self) { try ParameterEstimation.estimate(own: disclosure, peer: other) }
        #expect(throws: KeyDistillationError.self) { try ParameterEstimation.disclose(key: alice, seed: 1, sampleSize: 1000) }
        #expect(throws: KeyDistillationError.self) { try ParameterEstimation.sampleSize(fraction: 1.5, keyLength: 10) }
        #expect(throws: KeyDistillationError.self) { try ParameterEstimation.sampleSize(fraction: .nan, keyLength: 10) }
    }
}
