import Analysis
import Composition
import RealModule
import SeededRandom

/// Throughput of two-channel coincidence counting and the time of one 16-setting MLE
/// reconstruction (targets on one core, release build: ≥ 10⁸ tags/s, ≤ 5 ms per MLE).
enum AnalysisBenchmark {
    static func run() {
        do {
            try coincidenceThroughput()
            try maximumLikelihoodTime()
        } catch {
            print("analysis benchmark failed: \(error)")
        }
    }

    /// Sorted Poisson arrivals (10 MHz per channel, i.e. a mean spacing of 100 ns).
    static func poissonChunk(count: Int, from start: inout Double, meanSpacingPicoseconds: Double,
                             generator: inout Xoshiro256StarStar) -> [Int64] {
        var result = [Int64]()
        result.reserveCapacity(count)
        for _ in 0..<count {
            start += -Double.log(1 - generator.nextUnitInterval()) * meanSpacingPicoseconds
            result.append(Int64(start))
        }
        return result
    }

    static func coincidenceThroughput() throws {
        let totalTags = 100_000_000
        let chunkPerChannel = 1 << 20
        let chunks = totalTags / (2 * chunkPerChannel) + 1
        var generator = Xoshiro256StarStar(seed: 2026)
        var clockA = 0.0, clockB = 0.0
        var oneShotPairs = 0
        var oneShotTime = Duration.zero
        var tags = 0
        let clock = ContinuousClock()
        for _ in 0..<chunks {
            let a = poissonChunk(count: chunkPerChannel, from: &clockA, meanSpacingPicoseconds: 100_000, generator: &generator)
            let b = poissonChunk(count: chunkPerChannel, from: &clockB, meanSpacingPicoseconds: 100_000, generator: &generator)
            tags += a.count + b.count
            oneShotTime += try clock.measure {
                oneShotPairs += try CoincidenceCounter.countPairs(a, b, windowPicoseconds: 1_000)
            }
        }
        func rate(_ d: Duration) -> Double { Double(tags) / d.inSeconds }
        print("Analysis: coincidence counting, \(tags) tags (2 channels, Poisson 10 MHz each, ±1 ns window), one core")
        print("  sorted merge (per 2×\(chunkPerChannel)-tag chunk): \(format(rate(oneShotTime) / 1e6)) million tags/s"
              + " (\(oneShotPairs) pairs; N_A·N_B·2W/T ≈ \(format(Double(tags) * Double(tags) / 4 * 2_000 / clockA)))")
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
