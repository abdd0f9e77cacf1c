import Vocabulary
import Physics
import SeededRandom

/// Coincidence counts of one analyzer setting pair, and the correlation they give.
struct CoincidenceCounts {
    var plusPlus = 0
    var plusMinus = 0
    var minusPlus = 0
    var minusMinus = 0

    var total: Int { plusPlus + plusMinus + minusPlus + minusMinus }

    /// E = (N++ + N−− − N+− − N−+)/N.
    var correlation: Double { Double(plusPlus + minusMinus - plusMinus - minusPlus) / Double(total) }

    /// Standard error of E: each coincidence is an independent ±1 outcome, so
    /// SE = √((1 − E²)/N) (binomial error of a mean of ±1 values).
    var correlationStandardError: Double { ((1 - correlation * correlation) / Double(total)).squareRoot() }

    /// Runs `pulses` trigger periods of 1 µs on `parameters` and counts periods with exactly one
    /// click in each arm, by the channels that clicked.
    static func measure(_ parameters: StationParameters, analyzerA: AnalyzerBasis, analyzerB: AnalyzerBasis,
                        pulses: Int, seed: UInt64) throws -> CoincidenceCounts {
        var rng = Xoshiro256StarStar(seed: seed)
        var station = try StationModel(parameters: parameters, rng: &rng)
        var clicks = PulseClicks()
        var counts = CoincidenceCounts()
        let periodPicoseconds: Int64 = 1_000_000
        for pulse in 0..<pulses {
            let pulseTime = Int64(pulse) * periodPicoseconds
            station.simulatePeriod(pulseAtPicoseconds: pulseTime, periodEndPicoseconds: pulseTime + periodPicoseconds,
                                   analyzerA: analyzerA, analyzerB: analyzerB, gate: nil, rng: &rng, into: &clicks)
            var armA: [DetectorChannel] = []
            var armB: [DetectorChannel] = []
            for click in clicks {
                switch click.channel {
                case .aPlus, .aMinus: armA.append(click.channel)
                case .bPlus, .bMinus: armB.append(click.channel)
                }
            }
            guard armA.count == 1, armB.count == 1 else { continue }
            switch (armA[0], armB[0]) {
            case (.aPlus, .bPlus): counts.plusPlus += 1
            case (.aPlus, _): counts.plusMinus += 1
            case (_, .bPlus): counts.minusPlus += 1
            default: counts.minusMinus += 1
            }
        }
        return counts
    }
}
