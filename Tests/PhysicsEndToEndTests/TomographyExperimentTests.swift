import Testing

/// The shipped tomography experiments (16 James et al. projections; 36 from nine basis pairs) on
/// the physics station: the maximum-likelihood state's fidelity to |Φ+> and concurrence against
/// the closed forms of the state the coincidences show (`ExpectedFigures.measuredCorrelations`:
/// Hudson et al.'s X state, diluted by the re-excitation photons), within 4 of the Monte Carlo
/// standard errors the analysis reports (spread of 100 Poisson-resampled reconstructions).
///
/// Maximum likelihood keeps the state physical and so biases fidelity and concurrence of a nearly
/// pure state slightly downwards; with a few hundred coincidences per basis pair that bias is a
/// fraction of the Monte Carlo error, which the agreement below checks rather than assumes.
@Suite struct TomographyExperimentTests {
    @Test func sixteenProjectionsGiveTheFidelityAndConcurrenceOfTheModel() throws {
        // 16 settings × 10 000 cycles: about 65 coincidences per projection.
        let tomography = try PhysicsExperiment("tomography-16", cyclesPerSetting: 10_000)
        let expected = tomography.expected
        try tomography.expect("tomography-fidelity-phi-plus", agreesWith: expected.fidelity, largestError: 0.05)
        try tomography.expect("concurrence", agreesWith: expected.concurrence, largestError: 0.1)
        #expect(expected.pairCorrelations.fidelityToPhiPlus == expected.parameters.source.expectedFidelity)
    }

    @Test func thirtySixProjectionsGiveTheFidelityAndConcurrenceOfTheModel() throws {
        // 9 basis pairs × 15 000 cycles: about 390 coincidences per basis pair.
        let tomography = try PhysicsExperiment("tomography-36", cyclesPerSetting: 15_000)
        let expected = tomography.expected
        try tomography.expect("tomography-fidelity-phi-plus", agreesWith: expected.fidelity, largestError: 0.03)
        try tomography.expect("concurrence", agreesWith: expected.concurrence, largestError: 0.06)
        #expect(expected.pairCorrelations.concurrence == expected.parameters.source.expectedConcurrence)
    }

    @Test func largeFineStructureSplittingLowersTheConcurrenceAsPredicted() throws {
        // S = 5 µeV: C = k/√(1 + x²) − (1 − k)/2 = 0.95/2.146 − 0.025 ≈ 0.418 before dilution (Hudson et al. 2007).
        let tomography = try PhysicsExperiment("tomography-36", cyclesPerSetting: 15_000) {
            $0.source.fineStructureSplittingMicroelectronvolts = 5
        }
        let expected = tomography.expected
        #expect(abs(expected.parameters.source.expectedConcurrence - 0.4176) < 0.001)
        try tomography.expect("tomography-fidelity-phi-plus", agreesWith: expected.fidelity, largestError: 0.03)
        try tomography.expect("concurrence", agreesWith: expected.concurrence, largestError: 0.06)
    }
}
