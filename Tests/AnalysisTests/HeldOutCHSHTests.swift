@testable import Analysis
import SeededRandom
import Testing

/// The largest CHSH S of a reconstructed state: the plug-in value 2√(m₁ + m₂) of the
/// maximum-likelihood state is biased high where the singular values of T are close, the held-out
/// value is not. Seeded Poisson counts of the 36 projections of a Werner state, whose T =
/// diag(p, −p, p) has three equal singular values (the worst case; a source near |Φ+> is close to
/// it), at the counts of the shipped tomography-36 runs.
@Suite struct HeldOutCHSHTests {
    /// Werner visibility: S_max = 2√2·p ≈ 2.60.
    static let visibility = 0.92
    /// Coincidences per basis pair (about those of 15 000 cycles on the shipped station).
    static let pairsPerBasisPair = 390.0
    /// Seeded data sets.
    static let dataSets = 60

    @Test func heldOutIsUnbiasedWithinItsErrorWherePlugInIsBiasedHigh() throws {
        let truth = try DensityMatrix.werner(visibility: Self.visibility)
        let largest = 2 * 2.0.squareRoot() * Self.visibility
        let settings = TomographySettings.overcomplete36
        let expected = TestStates.expectedCounts(truth, settings: settings, pairsPerSetting: Self.pairsPerBasisPair)
        var plugIn: [Double] = [], heldOut: [Double] = []
        for dataSet in 0..<Self.dataSets {
            let counts = try TestStates.noisyCounts(expected, seed: 1_000 + UInt64(dataSet))
            let measurements = try TomographySettings.measurements(settings: settings, counts: counts)
            plugIn.append(try StateTomography.maximumLikelihood(measurements).state.maximalCHSH())
            var splitting = Xoshiro256StarStar(seed: UInt64(dataSet))
            heldOut.append(try StateTomography.heldOutMaximalCHSH(measurements, using: &splitting))
        }
        // The plug-in's mean is above S_max by more than 4 standard errors of the mean (spread/√60):
        // measured here +0.048, 2.1 of its per-run spread, 16 standard errors of the mean. The
        // held-out mean is within 4 of its own, and below S_max by at most the second-order loss of
        // directions chosen on half the counts, bounded by 0.3 of a run's spread (measured 0.29 in
        // this worst case of three equal singular values, −0.006 ± 0.006 = 0.08 on the shipped
        // station over 144 seeds) plus 2 standard errors of the mean for this sample.
        func statistics(_ values: [Double]) -> (bias: Double, errorOfMean: Double, spread: Double) {
            let n = Double(values.count), mean = values.reduce(0, +) / n
            let spread = (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)).squareRoot()
            return (mean - largest, spread / n.squareRoot(), spread)
        }
        let plug = statistics(plugIn), held = statistics(heldOut)
        #expect(plug.bias > 4 * plug.errorOfMean, "plug-in: bias \(plug.bias) ± \(plug.errorOfMean), spread \(plug.spread)")
        #expect(held.bias < 4 * held.errorOfMean, "held out: bias \(held.bias) ± \(held.errorOfMean), spread \(held.spread)")
        #expect(held.bias > -(0.3 * held.spread + 2 * held.errorOfMean),
                "held out: bias \(held.bias) ± \(held.errorOfMean), spread \(held.spread)")
    }

    @Test func theOptimalAnalyzersReachTheHorodeckiValue() throws {
        // On the exact T the construction reaches 2√(m₁ + m₂), for a Bell state, a Werner state and
        // a state with a non-diagonal T (|Φ+> turned by a phase).
        for state in [DensityMatrix(bell: .phiPlus), try DensityMatrix.werner(visibility: 0.7), try TestStates.phaseState(phase: 0.8),
                      try TestStates.productHD()] {
            let t = state.correlationMatrix
            let analyzers = try CHSHAnalyzers.optimal(for: t)
            #expect(abs(analyzers.chsh(on: t) - (try state.maximalCHSH())) < 1e-12)
        }
    }

    @Test func halvesAreBinomial() {
        // Binomial(n, ½) from the set bits of n random bits: mean n/2, variance n/4; 2 000 draws of
        // n = 1 000 (crossing the 64-bit words): the mean within 4·√(250/2000), the sample variance
        // within 15 % of 250 (its relative error is √(2/1999) ≈ 3.2 %, so that is 4.7σ).
        var generator = Xoshiro256StarStar(seed: 3)
        let draws = (0..<2_000).map { _ in Double(StateTomography.binomialHalf(of: 1_000, using: &generator)) }
        let mean = draws.reduce(0, +) / 2_000
        let variance = draws.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 1_999
        #expect(abs(mean - 500) < 4 * (250.0 / 2_000).squareRoot())
        #expect(abs(variance / 250 - 1) < 0.15)
        #expect(StateTomography.binomialHalf(of: 0, using: &generator) == 0)
        #expect(StateTomography.binomialHalf(of: 1, using: &generator) <= 1)
    }
}
