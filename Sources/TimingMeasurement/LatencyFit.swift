public import HAL
import RealModule

/// A `LatencyDistribution` fitted to measured latencies: a floor plus an exponential tail, the
/// shape the simulated board draws (`LatencyDistribution`), with the maximum the largest sample.
///
/// The fit: for n samples xᵢ = m + eᵢ with eᵢ exponential of mean τ, the least sample x₍₁₎ and the
/// spread S = Σ(xᵢ − x₍₁₎) carry everything the samples say about m and τ. By Rényi's representation
/// of exponential order statistics, x₍₁₎ − m is exponential of mean τ/n and S is a sum of n − 1
/// independent exponentials of mean τ, so
///
///     τ̂ = S / (n − 1),    m̂ = x₍₁₎ − τ̂ / n
///
/// are unbiased (the two-parameter exponential's minimum-variance unbiased estimators: Johnson,
/// Kotz & Balakrishnan, *Continuous Univariate Distributions* vol. 1, 2nd ed., ch. 19), with
/// standard errors τ/√(n − 1) and about τ/n. A low quantile as the floor would be biased by
/// τ·ln(1/(1 − p)) (10 ns for p = 1 % and τ = 1 µs); the least sample is biased by τ/n only, and
/// that is taken off. The distribution's cut at its maximum is not part of the fit: n samples reach
/// about m + τ·ln n, and the simulated profiles cut much further out (e^−48 of the Raspberry Pi 4's
/// stamps are cut), so the cut moves τ̂ by less than its standard error. The fitted maximum is the
/// largest sample — what this measurement saw, not a bound: a longer one sees further into the tail.
///
/// `medianNanoseconds` and `p99Nanoseconds` (nearest rank) beside the model's own quantiles
/// (m + τ·ln 2, m + τ·ln 100) show whether the shape fits at all: a board whose latencies have two
/// humps gives a model median far from the sample's.
public struct LatencyFit: Sendable, Hashable {
    /// How many samples the fit is of.
    public var sampleCount: Int
    /// m̂, the floor, ns.
    public var floorNanoseconds: Double
    /// τ̂, the exponential tail's mean above the floor, ns.
    public var tailMeanNanoseconds: Double
    /// The least sample, ns.
    public var smallestNanoseconds: Int64
    /// The largest sample, ns: the fitted maximum.
    public var largestNanoseconds: Int64
    /// The samples' median (nearest rank), ns.
    public var medianNanoseconds: Int64
    /// The samples' 99th percentile (nearest rank), ns.
    public var p99Nanoseconds: Int64

    /// Fits `samples` (nanoseconds, in any order; at least two).
    public init(samples: [Int64]) {
        precondition(samples.count >= 2, "a latency fit needs at least two samples")
        let sorted = samples.sorted()
        let n = Double(sorted.count)
        let smallest = sorted[0]
        let spread = sorted.reduce(0.0) { $0 + Double($1 - smallest) }
        sampleCount = sorted.count
        tailMeanNanoseconds = spread / (n - 1)
        floorNanoseconds = Double(smallest) - tailMeanNanoseconds / n
        smallestNanoseconds = smallest
        largestNanoseconds = sorted[sorted.count - 1]
        func nearestRank(_ fraction: Double) -> Int64 {
            let rank = Int((fraction * n).rounded(.up))
            return sorted[min(max(rank, 1), sorted.count) - 1]
        }
        medianNanoseconds = nearestRank(0.5)
        p99Nanoseconds = nearestRank(0.99)
    }

    /// The standard error of the tail mean, τ̂/√(n − 1), ns.
    public var tailMeanStandardErrorNanoseconds: Double {
        tailMeanNanoseconds / Double(sampleCount - 1).squareRoot()
    }

    /// The standard error of the floor, about τ̂/n, ns (x₍₁₎ − m is exponential of mean τ/n).
    public var floorStandardErrorNanoseconds: Double { tailMeanNanoseconds / Double(sampleCount) }

    /// The model's `fraction` quantile, m̂ − τ̂·ln(1 − fraction), ns (not cut: a model check).
    public func modelQuantileNanoseconds(_ fraction: Double) -> Double {
        floorNanoseconds - tailMeanNanoseconds * Double.log(1 - fraction)
    }

    /// The fitted distribution with `offset` taken off every latency (the floor and the maximum; the
    /// tail keeps its mean), in whole nanoseconds, floor and maximum at least zero.
    public func distribution(minus offset: TimeSpan = .zero) -> LatencyDistribution {
        let floor = max(Int64(floorNanoseconds.rounded()) - offset.nanoseconds, 0)
        return LatencyDistribution(minimum: .nanoseconds(floor), tailMean: .nanoseconds(Int64(tailMeanNanoseconds.rounded())),
                                   maximum: .nanoseconds(max(largestNanoseconds - offset.nanoseconds, floor)))
    }
}
