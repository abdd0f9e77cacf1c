import Experiments
import Vocabulary
import Testing

/// The shipped g2 experiment on the physics station: each arm's HBT g2(0) against
/// `ExpectedFigures.secondOrderCorrelation(_:)`, the closed form
/// `expectedSecondOrderCorrelationAtZeroDelay` as the experiment's HBT measures it, within 4 of
/// the reported Poisson error √(1/C₀ + 1/S) of the centre and side peaks.
@Suite struct SecondOrderCorrelationExperimentTests {
    @Test func eachArmShowsTheReexcitationG2() throws {
        // 200 000 cycles: the centre peak holds p_exc·p₂·2u²·N ≈ 13 pairs, each side peak ≈ 1 200.
        let hbt = try PhysicsExperiment("g2", cyclesPerSetting: 200_000)
        let expected = hbt.expected
        let closedForm = expected.parameters.source.expectedSecondOrderCorrelationAtZeroDelay
        for (key, arm) in [("g2-zero-a", AnalyzerArm.a), ("g2-zero-b", .b)] {
            let predicted = expected.secondOrderCorrelation(arm)
            // One detector counts one photon: the HBT's g2 exceeds the photon-number one by ≈ p₂u ≈ 0.04 %.
            #expect(predicted > closedForm && predicted < closedForm * 1.001)
            try hbt.expect(key, agreesWith: predicted, largestError: 0.01)
        }
    }

    @Test func withoutReexcitationTheCentrePeakIsEmpty() throws {
        let hbt = try PhysicsExperiment("g2", cyclesPerSetting: 50_000) { $0.source.reexcitationProbability = 0 }
        let peaks = try #require(hbt.run.findings.hbtPeaks)
        let centre = try #require(hbt.run.experiment.kind as? G2Experiment).sidePeaks
        // Only dark counts could fill it: R_dark·2w·P(click) ≈ 10⁻⁶ × 0.08 per cycle, < 0.01 in 50 000 cycles.
        #expect(peaks[0][centre] == 0 && peaks[1][centre] == 0, "\(peaks)")
        #expect(peaks[0].enumerated().allSatisfy { $0.offset == centre || $0.element > 100 }, "\(peaks)")
        for key in ["g2-zero-a", "g2-zero-b"] {
            let g2 = try hbt.figure(key)
            #expect(g2.value == 0)
        }
    }
}
