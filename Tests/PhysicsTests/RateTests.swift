import Vocabulary
import Physics
import SeededRandom
import Testing

/// Pair and accidental coincidence rates against their closed forms, within 4 standard errors
/// (binomial for per-pulse coincidences, Poisson √N for accidental counts).
@Suite struct RateTests {
    @Test func pairCoincidenceRateIsTriggerRateTimesEfficiencies() throws {
        // R_cc = R_trigger · p_exc · η_A · η_B · η_det² with no dark counts, no re-excitation
        // and dead time (30 ns) far shorter than the 1 µs trigger period.
        let detector = DetectorParameters(efficiency: 0.85, darkCountRatePerSecond: 0)
        let parameters = StationParameters(
            source: SourceParameters(excitationProbability: 0.9, reexcitationProbability: 0),
            armA: ArmParameters(efficiency: 0.2), armB: ArmParameters(efficiency: 0.15),
            detectors: Array(repeating: detector, count: 4))
        let pulses = 400_000
        let periodPicoseconds: Int64 = 1_000_000
        var rng = Xoshiro256StarStar(seed: 11)
        var station = try StationModel(parameters: parameters, rng: &rng)
        var clicks = PulseClicks()
        var coincidences = 0
        for pulse in 0..<pulses {
            let pulseTime = Int64(pulse) * periodPicoseconds
            station.simulatePeriod(pulseAtPicoseconds: pulseTime, periodEndPicoseconds: pulseTime + periodPicoseconds,
                                   analyzerA: .horizontalVertical, analyzerB: .horizontalVertical, gate: nil,
                                   rng: &rng, into: &clicks)
            let clickedA = clicks.contains { $0.channel == .aPlus || $0.channel == .aMinus }
            let clickedB = clicks.contains { $0.channel == .bPlus || $0.channel == .bMinus }
            if clickedA && clickedB { coincidences += 1 }
        }
        let triggerRatePerSecond = 1e12 / Double(periodPicoseconds)
        let probability = 0.9 * 0.2 * 0.15 * 0.85 * 0.85
        let expectedRate = triggerRatePerSecond * probability
        let measuredRate = triggerRatePerSecond * Double(coincidences) / Double(pulses)
        let standardError = triggerRatePerSecond * (probability * (1 - probability) / Double(pulses)).squareRoot()
        #expect(abs(measuredRate - expectedRate) < 4 * standardError,
                "\(measuredRate) /s ± \(standardError), expected \(expectedRate) /s")
    }

    /// Dark-count click times of one free-running detector over `durationPicoseconds`.
    static func darkCountTimes(_ detector: inout SinglePhotonDetector, durationPicoseconds: Int64,
                               rng: inout Xoshiro256StarStar) -> [Int64] {
        var times: [Int64] = []
        var time = detector.nextDarkCountDelayPicoseconds(rng: &rng)
        while time < durationPicoseconds {
            if let click = detector.darkCountOccurs(atPicoseconds: time, gateOpen: false, rng: &rng) { times.append(click) }
            time += detector.nextDarkCountDelayPicoseconds(rng: &rng)
        }
        return times
    }

    @Test func accidentalCoincidencesOfDarkCountsAreRateTimesRateTimesWindow() throws {
        // Two independent Poisson streams: N_acc = R_A · R_B · τ_w · T for a window of full width
        // τ_w (|t_A − t_B| < τ_w/2), with R_A, R_B the measured rates. Error: Poisson, √N_acc.
        let parameters = DetectorParameters(darkCountRatePerSecond: 2e6, deadTimePicoseconds: 20_000,
                                            jitterRMSPicoseconds: 30, mode: .freeRunning)
        var detectorA = try SinglePhotonDetector(parameters: parameters)
        var detectorB = try SinglePhotonDetector(parameters: parameters)
        var rng = Xoshiro256StarStar(seed: 12)
        let durationPicoseconds: Int64 = 500_000_000_000  // 0.5 s
        let timesA = Self.darkCountTimes(&detectorA, durationPicoseconds: durationPicoseconds, rng: &rng)
        let timesB = Self.darkCountTimes(&detectorB, durationPicoseconds: durationPicoseconds, rng: &rng)
        let windowPicoseconds: Int64 = 2_000
        var coincidences = 0
        var lower = 0
        for timeA in timesA {
            while lower < timesB.count && timesB[lower] <= timeA - windowPicoseconds / 2 { lower += 1 }
            var index = lower
            while index < timesB.count && timesB[index] < timeA + windowPicoseconds / 2 {
                coincidences += 1
                index += 1
            }
        }
        let seconds = Double(durationPicoseconds) * 1e-12
        let rateA = Double(timesA.count) / seconds
        let rateB = Double(timesB.count) / seconds
        let expected = rateA * rateB * Double(windowPicoseconds) * 1e-12 * seconds
        #expect(abs(Double(coincidences) - expected) < 4 * expected.squareRoot(),
                "\(coincidences) accidentals, expected \(expected)")
    }
}
