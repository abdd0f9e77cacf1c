@testable import Experiments
import SeededRandom
import Testing
import Vocabulary

/// The side-cycle baseline's error (`GateAccidentals.relativeVariance`) against the spread of the
/// side-pair count over many seeded runs of independent clicks: the count is not Poisson (one
/// click pairs with 2K cycles), and the formula must say by how much.
@Suite struct GateAccidentalsErrorTests {
    /// Runs `trials` settings of `cycles` cycles in which each detector clicks independently with
    /// its probability, tallies the side pairs over ±1…±K, and returns the side counts and the
    /// last trial's counts (for the formula, from its singles).
    static func sideCounts(probabilities: PerChannel<Double>, cycles: Int, sideCycles: Int, trials: Int,
                           seed: UInt64) -> (side: [Double], last: SettingCounts) {
        var rng = Xoshiro256StarStar(seed: seed)
        var side: [Double] = []
        var last = SettingCounts()
        for _ in 0..<trials {
            var tally = SideCycleTally(sideCycles: sideCycles)
            var counts = SettingCounts()
            for cycle in 0..<cycles {
                var clicked: UInt8 = 0
                for channel in DetectorChannel.allCases where rng.nextUnitInterval() < probabilities[channel] {
                    clicked |= 1 << UInt8(channel.rawValue)
                    counts.singles[channel] += 1
                }
                tally.close(cycle: Int64(cycle), setting: 0, clicked: clicked, into: &counts)
            }
            counts.triggerCycles = cycles
            side.append(Double(counts.sideCoincidences.sum))
            last = counts
        }
        return (side, last)
    }

    /// At high click probabilities (0.17 per detector, as 5·10⁴ /s dark counts in a 3.8 µs gate)
    /// the side count's variance is about four times Poisson; at QD-like 0.02 it is 1.3 times.
    /// The formula's variance must match the measured one within 20 % (400 trials: the sample
    /// variance's own relative error is √(2/399) ≈ 7 %), and Poisson must not.
    @Test(arguments: [(0.17, 3.0), (0.02, 1.3)])
    func theBaselineErrorMatchesTheSpreadOfSeededRuns(probability: Double, overPoisson: Double) {
        let k = 3, cycles = 2_000, trials = 400
        let p = PerChannel<Double>(repeating: probability)
        let (side, last) = Self.sideCounts(probabilities: p, cycles: cycles, sideCycles: k, trials: trials, seed: 7)
        let mean = side.reduce(0, +) / Double(trials)
        let variance = side.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(trials - 1)
        var exact = last
        for channel in DetectorChannel.allCases { exact.singles[channel] = Int((probability * Double(cycles)).rounded()) }
        let predicted = mean * mean * GateAccidentals.relativeVariance(of: exact, sideCycles: k)
        #expect(abs(variance / predicted - 1) < 0.2, "measured variance \(variance), formula \(predicted), Poisson \(mean)")
        #expect(variance / mean > overPoisson, "variance / Poisson = \(variance / mean)")
    }
}
