@testable import Analysis
import ComplexModule
import SeededRandom
import Testing

@Suite struct LikelihoodGradientTests {
    /// The analytic gradient of the tomography likelihood agrees with central finite differences.
    @Test func analyticGradientMatchesFiniteDifferences() throws {
        let truth = try DensityMatrix.werner(visibility: 0.7)
        let settings = TomographySettings.overcomplete36
        let counts = try TestStates.noisyCounts(TestStates.expectedCounts(truth, settings: settings, pairsPerSetting: 500), seed: 3)
        let measurements = try TomographySettings.measurements(settings: settings, counts: counts,
                                                               accidentals: [Double](repeating: 1.5, count: 36))
        let problem = LikelihoodProblem(measurements: measurements, rateScale: 480)
        var generator = Xoshiro256StarStar(seed: 9)
        let x = (0..<32).map { _ in generator.nextUnitInterval() - 0.3 }
        var gradient = [Double](repeating: 0, count: 32)
        _ = problem.evaluate(x, &gradient)
        var scratch = gradient
        for i in 0..<32 {
            var plus = x, minus = x
            plus[i] += 1e-6
            minus[i] -= 1e-6
            let numeric = (problem.evaluate(plus, &scratch) - problem.evaluate(minus, &scratch)) / 2e-6
            #expect(abs(numeric - gradient[i]) < 1e-6 * max(1, abs(numeric)), "parameter \(i)")
        }
    }

    /// Pure states, with and without settings that see no coincidence, 10⁴ pairs per setting with
    /// Poisson noise: the search ends within 200 iterations at a state that meets the optimality
    /// conditions of the likelihood over the states, S ⪰ 0 and S ρ = 0 (S its gradient in ρ), so
    /// at its maximum.
    @Test func pureStatesConvergeToTheOptimumWithin200Iterations() throws {
        let h = PolarizationProjection.horizontalH.ket, d = PolarizationProjection.diagonalD.ket
        let r = PolarizationProjection.rightR.ket, a = PolarizationProjection.antidiagonalA.ket
        let states = [DensityMatrix(bell: .phiPlus), DensityMatrix(bell: .psiMinus),
                      try DensityMatrix(pure: ComplexVector4(tensorProductOf: h, d)),
                      try DensityMatrix(pure: ComplexVector4(tensorProductOf: r, a)),
                      try DensityMatrix(pure: ComplexVector4(tensorProductOf: d, r))]
        let settings = TomographySettings.standard16
        for (index, truth) in states.enumerated() {
            for seed in UInt64(0)..<5 {
                let counts = try TestStates.noisyCounts(TestStates.expectedCounts(truth, settings: settings, pairsPerSetting: 10_000),
                                                        seed: 50 * UInt64(index) + seed)
                let measurements = try TomographySettings.measurements(settings: settings, counts: counts)
                let mle = try StateTomography.maximumLikelihood(measurements)
                #expect(mle.converged && mle.iterations <= 200, "state \(index) seed \(seed): \(mle.iterations) iterations")
                let (_, rateScale) = try StateTomography.pauliCoefficients(measurements)
                let unnormalized = (mle.totalRate / rateScale) * mle.state.matrix
                let factor = try HermitianEigendecomposition(unnormalized).mapped { max($0, 0).squareRoot() }
                let dual = LikelihoodProblem(measurements: measurements, rateScale: rateScale).dual(factor)
                #expect(try HermitianEigendecomposition(dual).eigenvalues[0] >= -1e-6, "state \(index) seed \(seed): S ⪰ 0")
                let product = dual * mle.state.matrix
                #expect((0..<16).allSatisfy { product.entries[$0].length <= 1e-6 }, "state \(index) seed \(seed): S ρ = 0")
            }
        }
    }
}
