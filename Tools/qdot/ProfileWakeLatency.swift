import Foundation
import HAL
import Simulator

/// The wake-up latency a simulated timing profile draws, in closed form, to set beside a
/// measurement of the real machine.
///
/// The simulated board wakes `wakeLatencyMinimum` plus an exponentially distributed tail of mean
/// `wakeLatencyTailMean` late, cut at `wakeLatencyMaximum` (Simulator, `TimingProfile`). The
/// exponential's quantile function gives the percentiles: q(p) = minimum − mean·ln(1 − p), capped
/// at the maximum; its mean with the cut is minimum + mean·(1 − e^(−(maximum − minimum)/mean)).
struct ProfileWakeLatency {
    /// The profile.
    var profile: TimingProfile

    /// The `fraction` quantile of the profile's wake-up latency, µs.
    func quantileMicroseconds(_ fraction: Double) -> Double {
        let minimum = profile.wakeLatencyMinimum.microseconds
        let mean = profile.wakeLatencyTailMean.microseconds
        return min(minimum - mean * log(1 - fraction), profile.wakeLatencyMaximum.microseconds)
    }

    /// The profile's mean wake-up latency, µs.
    var meanMicroseconds: Double {
        let minimum = profile.wakeLatencyMinimum.microseconds, mean = profile.wakeLatencyTailMean.microseconds
        guard mean > 0 else { return minimum }
        return minimum + mean * (1 - exp(-(profile.wakeLatencyMaximum.microseconds - minimum) / mean))
    }

    /// One table row in the layout of `WakeupLatencyReport`'s (min avg p50 p99 p99.9 max).
    var row: [Double] {
        [profile.wakeLatencyMinimum.microseconds, meanMicroseconds, quantileMicroseconds(0.5),
         quantileMicroseconds(0.99), quantileMicroseconds(0.999), profile.wakeLatencyMaximum.microseconds]
    }
}
