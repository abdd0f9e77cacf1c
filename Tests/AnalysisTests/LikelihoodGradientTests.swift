@testable import Analysis
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
        let x = (0..<16).map { _ in generator.nextUnitInterval() - 0.3 }
        var gradient = [Double](repeating: 0, count: 16)
        _ = problem.evaluate(x, &gradient)
        var scratch = gradient
        for i in 0..<16 {
            var plus = x, minus = x
            plus[i] += 1e-6
            minus[i] -= 1e-6
            let numeric = (problem.evaluate(plus, &scratch) - problem.evaluate(minus, &scratch)) / 2e-6
            #expect(abs(numeric - gradient[i]) < 1e-6 * max(1, abs(numeric)), "parameter \(i)")
        }
    }
}
