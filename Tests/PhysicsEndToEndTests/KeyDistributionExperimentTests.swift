import Experiments
import Testing

/// The shipped BBM92 experiment on the physics station: QBER in each basis, sifted bits and the
/// secret key rate against `ExpectedFigures` (single-click detections, diluted by the
/// re-excitation photons), within 4 of the reported standard errors: binomial √(e(1−e)/n) for a
/// QBER, Poisson √N for the sifted bits, the QBERs' errors propagated to first order for the secret
/// fraction r, and that with the sifted count's Poisson error for the key rate.
@Suite struct KeyDistributionExperimentTests {
    @Test func qberSiftedBitsAndKeyRateOfTheDefaultSource() throws {
        // 150 000 cycles: about 1 000 sifted bits per basis.
        let key = try PhysicsExperiment("bbm92", cyclesPerSetting: 150_000)
        let expected = key.expected
        // |Φ+> correlates H with H and D with D: QBER = (1 − E)/2 with E_HV = λ_key T_zz and
        // E_DA = λ_key T_xx, about 3.3 % and 4.9 %.
        #expect(expected.qberHV > 0.02 && expected.qberHV < 0.04)
        try key.expect("qber-hv", agreesWith: expected.qberHV, largestError: 0.01)
        try key.expect("qber-da", agreesWith: expected.qberDA, largestError: 0.01)

        // Both arms draw H/V or D/A with ½ each: half of the detections are sifted.
        let cycles = Double(key.run.report.cyclesRun)
        try key.expect("sifted-bits", agreesWith: cycles * expected.keyDetectionsPerCycle / 2, largestError: 100)

        // Key rate: r × (H/V sifted bits per board second), H/V sifted being a quarter of the detections.
        let f = try #require(key.run.experiment.kind as? BBM92Experiment).errorCorrectionInefficiency
        let boardSeconds = key.run.report.runDuration.seconds
        let rate = expected.secretFraction(errorCorrectionInefficiency: f) * cycles * expected.keyDetectionsPerCycle / 4
            / boardSeconds
        #expect(rate > 0)
        // r ≈ 0.50; its error (≈ 0.04 here) dominates the key rate's, not the sifted count's (≈ 2 %).
        let r = try key.expect("secret-fraction", agreesWith: expected.secretFraction(errorCorrectionInefficiency: f),
                               largestError: 0.1)
        let keyRate = try key.expect("secret-key-rate", agreesWith: rate, largestError: 0.2 * rate)
        #expect(keyRate.standardError / keyRate.value > 2 * r.standardError / r.value / 3)
    }
}
