import Analysis
import Composition
import RealModule
import SeededRandom

/// Throughput of two-channel coincidence counting against the C loops (`CoincidenceBenchmark`)
/// and the time of one 16-setting MLE reconstruction (target on one core, release build: ≤ 5 ms).
enum AnalysisBenchmark {
    static func run() {
        do {
            try CoincidenceBenchmark.run()
            try maximumLikelihoodTime()
        } catch {
            print("analysis benchmark failed: \(error)")
        }
    }

    static func maximumLikelihoodTime() throws {
        // A realistic dot: Werner-like mixture of (|HH> + e^{i0.3}|VV>)/√2 with p = 0.9, 10⁴ pairs per setting, Poisson noise.
        let half = 0.5.squareRoot()
        let pure = try DensityMatrix(pure: ComplexVector4(.init(half), .zero, .zero, .init(length: half, phase: 0.3)))
        let mixed = try DensityMatrix(validating: 0.9 * pure.matrix + 0.025 * ComplexMatrix4.identity)
        let settings = TomographySettings.standard16
        var generator = Xoshiro256StarStar(seed: 16)
        var datasets: [[TomographyMeasurement]] = []
        for _ in 0..<200 {
            let counts = try settings.map { try Double(PoissonSampler.sample(mean: 10_000 * mixed.probability($0.0, $0.1), using: &generator)) }
            datasets.append(try TomographySettings.measurements(settings: settings, counts: counts))
        }
        var times: [Double] = []
        var iterations: [Int] = []
        let clock = ContinuousClock()
        for data in datasets {
            var result: MaximumLikelihoodTomography?
            let elapsed = try clock.measure { result = try StateTomography.maximumLikelihood(data) }
            times.append(elapsed.inSeconds * 1e3)
            iterations.append(result?.iterations ?? 0)
        }
        times.sort()
        iterations.sort()
        print("Analysis: 16-setting maximum-likelihood tomography (Cholesky T, Poisson likelihood, L-BFGS), \(times.count) data sets")
        print("  median \(format(times[times.count / 2])) ms, 95th percentile \(format(times[times.count * 95 / 100])) ms, "
              + "max \(format(times.last!)) ms per reconstruction; median \(iterations[iterations.count / 2]) iterations")
    }

    static func format(_ x: Double) -> String {
        let scaled = (x * 1000).rounded() / 1000
        return "\(scaled)"
    }
}
