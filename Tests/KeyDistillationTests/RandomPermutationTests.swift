@testable import KeyDistillation
import SeededRandom
import Testing

@Suite struct RandomPermutationTests {
    /// n = 3 with 2 buckets (so the bucket step matters): each of the 3! = 6 permutations is drawn
    /// with probability 1/6. Over 60 000 draws each count is 10 000 ± 91.3 (σ = √(60 000·(1/6)(5/6)));
    /// the test allows 5σ (seed 91). A bucket method that were not exactly uniform (say, one that
    /// kept the buckets' order fixed) would miss by thousands.
    @Test func smallPermutationsAreUniform() {
        var generator = Xoshiro256StarStar(seed: 91)
        var counts: [[UInt32]: Int] = [:]
        for _ in 0..<60_000 { counts[RandomPermutation.make(count: 3, bucketBits: 1, using: &generator), default: 0] += 1 }
        #expect(counts.count == 6)
        let sigma = (60_000.0 * (1.0 / 6) * (5.0 / 6)).squareRoot()
        for (permutation, count) in counts { #expect(abs(Double(count) - 10_000) <= 5 * sigma, "\(permutation): \(count)") }
    }

    /// A large one is a permutation, and element 0 lands in the first half about half the time
    /// (200 seeds: 100 ± 7.1, 5σ allowed).
    @Test func largePermutationsArePermutations() {
        var inFirstHalf = 0
        for seed in 0..<200 {
            var generator = Xoshiro256StarStar(seed: UInt64(seed))
            let permutation = RandomPermutation.make(count: 10_000, using: &generator)
            if seed == 0 { #expect(Set(permutation).count == 10_000 && permutation.allSatisfy { $0 < 10_000 }) }
            if let position = permutation.firstIndex(of: 0), position < 5_000 { inFirstHalf += 1 }
        }
        #expect(abs(Double(inFirstHalf) - 100) <= 5 * (200 * 0.25).squareRoot())
    }
}

extension RandomPermutationTests {
    /// The answering side (permutations drawn, used and dropped) and the correcting side
    /// (permutations kept) order the key identically in every pass (seed 93).
    @Test func bothCascadeRolesPermuteTheKeyAlike() throws {
        var source = Xoshiro256StarStar(seed: 93)
        let key = BitString.random(count: 100_000, using: &source)
        let setup = CascadeSetup(seed: 94, keyLength: 100_000, passCount: 4, firstBlockSize: 64)
        let kept = try CascadeSchedule(setup, buildingPermutations: true), dropped = try CascadeSchedule(setup, buildingPermutations: false)
        #expect(kept.permutedKeys(of: key) == dropped.permutedKeys(of: key))
        #expect(dropped.permutations.isEmpty && kept.permutations.count == 4 && kept.permutations[0].isEmpty)
        #expect(kept.permutedKeys(of: key)[2] == key.gathering(kept.permutations[2]))
    }
}
