import Vocabulary
import Physics
import SeededRandom
import Testing

/// g2(0) of arm A from a pulsed HBT histogram (A+ and A− as the two HBT detectors): the
/// centre peak (both click after the same pulse) over the side peak (A+ after one pulse, A−
/// after the next).
@Suite struct SecondOrderCorrelationTests {
    /// The exact per-pulse probabilities of the two peaks for this model: n photons per pulse
    /// (P₁ = p_exc(1 − p₂), P₂ = p_exc·p₂), each reaching a given detector independently with
    /// q = η_arm·η_det/2. Centre = P₂·(1 − 2(1−q)² + (1−2q)²) = 2q²P₂; side = P(click)² with
    /// P(click) = P₁q + P₂(1 − (1−q)²). Their ratio tends to 2p₂/(p_exc(1+p₂)²) as q → 0.
    static func peakProbabilities(_ source: SourceParameters, q: Double) -> (centre: Double, side: Double) {
        let single = source.excitationProbability * (1 - source.reexcitationProbability)
        let double = source.excitationProbability * source.reexcitationProbability
        let click = single * q + double * (1 - (1 - q) * (1 - q))
        return (double * 2 * q * q, click * click)
    }

    @Test func closedFormIsTheLowEfficiencyLimitOfTheHBTRatio() {
        let source = SourceParameters(excitationProbability: 0.9, reexcitationProbability: 0.05)
        let peaks = Self.peakProbabilities(source, q: 1e-6)
        #expect(abs(peaks.centre / peaks.side - source.expectedSecondOrderCorrelationAtZeroDelay) < 1e-5)
        #expect(abs(source.expectedSecondOrderCorrelationAtZeroDelay - 2 * 0.05 / (0.9 * 1.05 * 1.05)) < 1e-12)
    }

    @Test func pulsedHBTCentrePeakOverSidePeakGivesGTwoOfZero() throws {
        // Error: Poisson on both peak counts, σ_g/g = √(1/N_centre + 1/N_side); within 4 σ.
        let source = SourceParameters(excitationProbability: 0.9, reexcitationProbability: 0.05)
        var parameters = TestStations.ideal(source: source)
        parameters.source = source
        parameters.armA.efficiency = 0.8
        let q = 0.8 * 1 / 2
        let pulses = 200_000
        let periodPicoseconds: Int64 = 1_000_000
        var rng = Xoshiro256StarStar(seed: 21)
        var station = try StationModel(parameters: parameters, rng: &rng)
        var clicks = PulseClicks()
        var centre = 0, side = 0
        var previousPlus = false
        for pulse in 0..<pulses {
            let pulseTime = Int64(pulse) * periodPicoseconds
            station.simulatePeriod(pulseAtPicoseconds: pulseTime, periodEndPicoseconds: pulseTime + periodPicoseconds,
                                   analyzerA: .horizontalVertical, analyzerB: .horizontalVertical, gate: nil,
                                   rng: &rng, into: &clicks)
            let plus = clicks.contains { $0.channel == .aPlus }
            let minus = clicks.contains { $0.channel == .aMinus }
            if plus && minus { centre += 1 }
            if previousPlus && minus { side += 1 }
            previousPlus = plus
        }
        let expected = Self.peakProbabilities(source, q: q)
        let expectedRatio = expected.centre / expected.side
        // Side pairs: pulses − 1 consecutive pairs against pulses centre chances.
        let measured = (Double(centre) / Double(pulses)) / (Double(side) / Double(pulses - 1))
        let standardError = measured * (1 / Double(centre) + 1 / Double(side)).squareRoot()
        #expect(abs(measured - expectedRatio) < 4 * standardError,
                "g2(0) = \(measured) ± \(standardError), expected \(expectedRatio) (q → 0 limit \(source.expectedSecondOrderCorrelationAtZeroDelay))")
    }
}
