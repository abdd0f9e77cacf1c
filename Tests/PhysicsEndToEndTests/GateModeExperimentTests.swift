import Foundation
import Composition
import Experiments
import Physics
import Testing
import Vocabulary

/// Gate coincidences on a simulated Raspberry Pi 4: the kernel stamps every click microseconds
/// late (Board/profiles/raspberry-pi-4.profile.toml), so the shipped Raspberry Pi examples count A
/// and B clicking in the same cycle, and the side cycles k ± 1 … k ± 3 measure the uncorrelated
/// baseline. The figures must still agree with the closed forms (`ExpectedFigures`), now with a
/// 2 µs gate as the window, and the baseline with the product of the arms' click probabilities.
@Suite struct GateModeExperimentTests {
    static let board = "simulated-raspberry-pi-4"

    /// The bell-chsh example in gate mode certifies the closed forms' S within 3σ (the issue's
    /// bound), the visibilities and the fidelity within 4σ — the closed forms including the
    /// accidentals the gate implies: a dark count anywhere in the (realized, 3.78 µs) gate pairs
    /// with the other arm's photon click, adding a fraction f of coincidences with no correlation,
    /// so every correlation is (1 − f)·E and the fidelity ¼ + (F − ¼)(1 − f).
    @Test func raspberryPiBellTestCertifiesTheClosedFormsInGateMode() throws {
        let bell = try PhysicsExperiment("raspberry-pi-bell-chsh", cyclesPerSetting: 20_000, board: Self.board)
        #expect(bell.run.experiment.timing.coincidenceMode == .gate(sideCycles: 3))
        let expected = bell.expected
        let kept = 1 - bell.darkCoincidenceFraction
        #expect(bell.darkCoincidenceFraction > 0.001 && bell.darkCoincidenceFraction < 0.02)
        let s = try bell.expect("chsh-s", agreesWith: expected.chsh * kept, within: 3, largestError: 0.1)
        #expect((s.value - 2) / s.standardError > 5, "S = \(s.value) ± \(s.standardError)")
        try bell.expect("visibility-hv", agreesWith: expected.visibilityHV * kept, largestError: 0.03)
        try bell.expect("visibility-da", agreesWith: expected.visibilityDA * kept, largestError: 0.03)
        try bell.expect("fidelity-phi-plus", agreesWith: 0.25 + (expected.fidelity - 0.25) * kept, largestError: 0.02)
        // Every figure says it counted same-cycle coincidences with their accidentals; the two
        // side-cycle figures say what they are themselves.
        let side: Set<String> = ["accidentals-per-cycle", "coincidence-to-accidental-ratio"]
        let figures = bell.run.findings.figures.filter { !side.contains($0.key.rawValue) }
        #expect(figures.count >= 5)
        #expect(figures.allSatisfy { $0.method.contains("gate mode") })
        #expect(bell.run.findings.figures.filter { side.contains($0.key.rawValue) }.count == 2)
        // The example's timing is what a Pi 4 gives: no warning in the findings.
        #expect(!bell.run.findings.notes.contains { $0.hasPrefix("board:") }, "\(bell.run.findings.notes)")
    }

    /// The side baseline is p_A·p_B per cycle, the product of the two arms' click probabilities,
    /// whatever the source: checked against the measured singles (each arm's click probability per
    /// cycle is its singles over the cycles, both arms' detectors summed: Σ_ij p_Ai p_Bj = p_A p_B
    /// for independent pulses). The centre-to-side ratio of a source of one pair per pulse is
    /// 1/p_exc (times the re-excitation dilution of the centre): the centre needs one excitation,
    /// the side two.
    @Test func theSideCyclesMeasureTheUncorrelatedBaseline() throws {
        let bbm92 = try PhysicsExperiment("raspberry-pi-bbm92", cyclesPerSetting: 60_000, board: Self.board)
        let counts = try #require(bbm92.run.findings.settings.first).counts
        let cycles = Double(counts.triggerCycles)
        let pA = Double(counts.singles[.aPlus] + counts.singles[.aMinus]) / cycles
        let pB = Double(counts.singles[.bPlus] + counts.singles[.bMinus]) / cycles
        // The baseline's own Poisson error is the bound; the singles' (≈ 0.3 % each) adds a little.
        let baseline = try bbm92.figure("accidentals-per-cycle")
        let product = pA * pB
        let singlesError = product * (1 / (pA * cycles) + 1 / (pB * cycles)).squareRoot()
        let sigma = (baseline.standardError * baseline.standardError + singlesError * singlesError).squareRoot()
        #expect(abs(baseline.value - product) <= 4 * sigma, "baseline \(baseline.value) ± \(sigma) vs p_A p_B = \(product)")
        let ratio = try bbm92.figure("coincidence-to-accidental-ratio")
        let expectedRatio = bbm92.expected.coincidencesPerCycle / product
        #expect(abs(ratio.value - expectedRatio) <= 4 * ratio.standardError,
                "centre/side \(ratio.value) ± \(ratio.standardError) vs \(expectedRatio)")
        #expect(abs(expectedRatio - 1 / bbm92.expected.parameters.source.excitationProbability) < 0.05)
    }

    /// With no photons at all (no excitation) and dark counts at R = 5·10⁴ /s per detector, every
    /// coincidence is accidental. Each detector then clicks R·τ times per gate on average and at
    /// least once with p = 1 − e^(−R·τ), τ being the gate the board really produced (the shipped
    /// 3.9 µs asked for, 3.78 µs given: `RealizedCycle`, checked here against the simulated Pi).
    /// A gate coincidence is "both clicked in this cycle", so the centre holds Σ_ij p_i p_j = 4p²
    /// per cycle, the side cycles the same, and the ratio is 1. For R·τ ≪ 1 this is the familiar
    /// R_A·R_B·τ² per gate (R_A, R_B: the arms' dark rates), i.e. R_A·R_B·τ·(τ/T) per second.
    @Test func darkCountsAloneCoincideAtTheProductOfTheirRates() throws {
        let rate = 50_000.0
        let dark = try PhysicsExperiment("raspberry-pi-bbm92", cyclesPerSetting: 40_000, board: Self.board) {
            $0.source.excitationProbability = 0
            for index in $0.detectors.indices { $0.detectors[index].darkCountRatePerSecond = rate }
        }
        let realized = try #require(dark.realizedCycle)
        #expect(realized.gateWidth == .nanoseconds(3_780))
        let counts = try #require(dark.run.findings.settings.first).counts
        let cycles = Double(counts.triggerCycles)
        let meanClicks = rate * realized.gateWidth.seconds
        for channel in DetectorChannel.allCases {
            let singles = Double(counts.singles[channel])
            #expect(abs(singles / cycles - meanClicks) <= 4 * singles.squareRoot() / cycles,
                    "\(channel): \(singles / cycles) clicks per gate vs R·τ = \(meanClicks)")
        }
        let p = 1 - Foundation.exp(-meanClicks)
        let perCycle = 4 * p * p
        let centre = Double(counts.totalCoincidences) / cycles
        let centreError = Double(counts.totalCoincidences).squareRoot() / cycles
        #expect(abs(centre - perCycle) <= 4 * centreError, "centre \(centre) ± \(centreError) vs 4p² = \(perCycle)")
        let baseline = try dark.figure("accidentals-per-cycle")
        #expect(abs(baseline.value - perCycle) <= 4 * baseline.standardError,
                "side baseline \(baseline.value) ± \(baseline.standardError) vs 4p² = \(perCycle)")
        let ratio = try dark.figure("coincidence-to-accidental-ratio")
        #expect(abs(ratio.value - 1) <= 4 * ratio.standardError, "centre/side \(ratio.value) ± \(ratio.standardError)")
    }
}
