public import HAL
import Foundation

extension LatencyDistribution {
    /// The `fraction` quantile (0 ≤ fraction < 1), in nanoseconds: minimum − tailMean·ln(1 − fraction),
    /// cut at the maximum (the exponential tail's quantile function).
    public func quantileNanoseconds(_ fraction: Double) -> Double {
        let minimum = Double(minimum.nanoseconds), mean = Double(tailMean.nanoseconds)
        return Swift.min(minimum - mean * log(1 - fraction), Double(maximum.nanoseconds))
    }

    /// The mean, in nanoseconds, with the cut: minimum + tailMean·(1 − e^(−(maximum − minimum)/tailMean)).
    public var meanNanoseconds: Double {
        let minimum = Double(minimum.nanoseconds), mean = Double(tailMean.nanoseconds)
        guard mean > 0 else { return minimum }
        return minimum + mean * (1 - exp(-(Double(maximum.nanoseconds) - minimum) / mean))
    }

    /// How far apart two independent draws land in `fraction` of pairs at most, in nanoseconds:
    /// the difference of two exponential tails of mean τ is Laplace-distributed,
    /// P(|L₁ − L₂| > x) = e^(−x/τ), so the quantile is τ·ln(1/(1 − fraction)), and it never exceeds
    /// maximum − minimum. Two clicks at one instant on two lines are stamped this far apart or less
    /// in `fraction` of pairs.
    public func differenceQuantileNanoseconds(_ fraction: Double) -> Double {
        let spread = Double(maximum.nanoseconds - minimum.nanoseconds)
        return Swift.min(Double(tailMean.nanoseconds) * log(1 / (1 - fraction)), spread)
    }
}
