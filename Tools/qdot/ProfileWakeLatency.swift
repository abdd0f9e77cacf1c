import Boards
import HAL

/// The wake-up latency a timing profile draws, in closed form, to set beside a measurement of the
/// real machine: the minimum plus an exponential tail, cut at the maximum
/// (`LatencyDistribution`'s quantiles and mean).
struct ProfileWakeLatency {
    /// The profile.
    var profile: TimingProfile

    /// The `fraction` quantile of the profile's wake-up latency, µs.
    func quantileMicroseconds(_ fraction: Double) -> Double {
        profile.wakeLatency.quantileNanoseconds(fraction) / 1_000
    }

    /// One table row in the layout of `WakeupLatencyReport`'s (min avg p50 p99 p99.9 max).
    var row: [Double] {
        [profile.wakeLatency.minimum.microseconds, profile.wakeLatency.meanNanoseconds / 1_000, quantileMicroseconds(0.5),
         quantileMicroseconds(0.99), quantileMicroseconds(0.999), profile.wakeLatency.maximum.microseconds]
    }
}
