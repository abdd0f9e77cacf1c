import Physics
import Testing

/// The shipped bell-chsh experiment on the physics station against Hudson et al.'s closed forms
/// (`ExpectedFigures`): every figure within 4 of its reported standard error, which for E is the
/// Poisson (binomial) error √((1 − E²)/N) of the setting's N coincidences, and for F and S those
/// errors in quadrature.
///
/// 20 000 cycles per setting give about 500 coincidences each (p_exc·4u_A u_B ≈ 2.6 % of cycles),
/// so σ_V ≈ 0.015, σ_S ≈ 0.06; seven settings take a few seconds in a debug build.
@Suite struct BellExperimentTests {
    static let cyclesPerSetting = 20_000

    @Test func defaultSourceCertifiesVisibilitiesFidelityAndViolatesCHSHByManyStandardErrors() throws {
        let bell = try PhysicsExperiment("bell-chsh", cyclesPerSetting: Self.cyclesPerSetting)
        let expected = bell.expected
        // The default source: T_zz = k = 0.95, T_xx = k/(1 + x²) with x = Sτ_X/ħ ≈ 0.19; the
        // re-excitation photons scale both by λ ≈ 0.986.
        #expect(abs(expected.pairCorrelations.populationCorrelation - 0.95) < 1e-12)
        #expect(expected.coincidenceDilution > 0.98 && expected.coincidenceDilution < 0.99)

        let hv = try bell.expect("visibility-hv", agreesWith: expected.visibilityHV, largestError: 0.03)
        try bell.expect("visibility-da", agreesWith: expected.visibilityDA, largestError: 0.03)
        try bell.expect("fidelity-phi-plus", agreesWith: expected.fidelity, largestError: 0.02)
        let s = try bell.expect("chsh-s", agreesWith: expected.chsh, largestError: 0.1)
        #expect((s.value - 2) / s.standardError > 5, "S = \(s.value) ± \(s.standardError)")
        #expect(expected.chsh > 2.5)
        // Every setting sees the same coincidence rate (the marginals are unpolarized): at 100 kHz,
        // ≈ 2 640 /s, with the figure's Poisson error √N/T.
        let period = bell.run.experiment.timing.triggerPeriod.seconds
        try bell.expect("coincidence-rate", agreesWith: expected.coincidencesPerCycle / period, largestError: 50)

        // Dark counts are left out of the prediction: the E they could move is far below 4σ.
        #expect(2 * bell.darkCoincidenceFraction < 0.01 * hv.standardError,
                "dark-count bias bound \(2 * bell.darkCoincidenceFraction) vs σ_V = \(hv.standardError)")
        // The re-excitation term is not: it moves V_HV by (1 − λ)·T_zz, about one standard error here.
        #expect((1 - expected.coincidenceDilution) * 0.95 > 0.5 * hv.standardError)
    }

    @Test func largeFineStructureSplittingRemovesTheViolationAsPredicted() throws {
        // S = 5 µeV: x = Sτ_X/ħ = 5 µeV × 250 ps / 658.2 µeV·ps ≈ 1.90, so T_xx = k/(1 + x²) ≈ 0.21
        // and S_CHSH = √2 λ (T_zz + T_xx) ≈ 1.61 < 2 at the fixed CHSH angles.
        let bell = try PhysicsExperiment("bell-chsh", cyclesPerSetting: Self.cyclesPerSetting) {
            $0.source.fineStructureSplittingMicroelectronvolts = 5
        }
        let expected = bell.expected
        #expect(abs(bell.expected.parameters.source.fineStructurePrecessionPerLifetime - 1.899) < 0.001)
        #expect(expected.chsh < 1.7)

        let s = try bell.expect("chsh-s", agreesWith: expected.chsh, largestError: 0.1)
        #expect(s.value < 2, "S = \(s.value) ± \(s.standardError)")
        try bell.expect("visibility-hv", agreesWith: expected.visibilityHV, largestError: 0.03)
        try bell.expect("visibility-da", agreesWith: expected.visibilityDA, largestError: 0.05)
        try bell.expect("fidelity-phi-plus", agreesWith: expected.fidelity, largestError: 0.02)
    }
}
