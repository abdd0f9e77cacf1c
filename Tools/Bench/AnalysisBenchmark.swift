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
        print("Analysis: 16-setting maximum-likelihood tomography (Poisson likelihood, L-BFGS), 10⁴ pairs per setting, Poisson counts")
        try report("realistic dot (p = 0.9), 200 data sets", states: [mixed], dataSetsPerState: 200, seed: 16)
        // Pure states: those with a setting that sees no coincidence sit on the boundary of the state space.
        let h = PolarizationProjection.horizontalH.ket, d = PolarizationProjection.diagonalD.ket
        let r = PolarizationProjection.rightR.ket, a = PolarizationProjection.antidiagonalA.ket
        let zeroCountSettings = [DensityMatrix(bell: .phiPlus), DensityMatrix(bell: .psiMinus),
                                 try DensityMatrix(pure: ComplexVector4(tensorProductOf: h, d)),
                                 try DensityMatrix(pure: ComplexVector4(tensorProductOf: r, a))]
        try report("pure with zero-count settings (Φ+, Ψ−, H⊗D, R⊗A), 4 × 50 data sets", states: zeroCountSettings,
                   dataSetsPerState: 50, seed: 17)
        try report("pure without (D⊗R), 50 data sets", states: [try DensityMatrix(pure: ComplexVector4(tensorProductOf: d, r))],
                   dataSetsPerState: 50, seed: 18)
    }

    /// Times one reconstruction per data set (Poisson counts of 10⁴ pairs per setting of each state) and prints
    /// the median and largest time and iteration count.
    static func report(_ label: String, states: [DensityMatrix], dataSetsPerState: Int, seed: UInt64) throws {
        let settings = TomographySettings.standard16
        var generator = Xoshiro256StarStar(seed: seed)
        var datasets: [[TomographyMeasurement]] = []
        for state in states {
            for _ in 0..<dataSetsPerState {
                let counts = try settings.map { try Double(PoissonSampler.sample(mean: 10_000 * state.probability($0.0, $0.1), using: &generator)) }
                datasets.append(try TomographySettings.measurements(settings: settings, counts: counts))
            }
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
        print("  \(label): median \(format(times[times.count / 2])) ms, 95th percentile \(format(times[times.count * 95 / 100])) ms, "
              + "max \(format(times.last!)) ms per reconstruction; iterations median \(iterations[iterations.count / 2]), max \(iterations.last!)")
    }

    static func format(_ x: Double) -> String {
        let scaled = (x * 1000).rounded() / 1000
        return "\(scaled)"
    }
}
