/// Conversions of sampled delays (Double, ps) to the model's integer timeline.
public enum Picoseconds {
    /// A delay that stands for "never": far beyond any run, yet safe to add to a time without overflow.
    public static let never: Int64 = 1 << 62

    /// `delay` rounded to whole picoseconds, saturating at ``never`` (and at −``never``), so no
    /// sample, however extreme, can trap the conversion.
    @inlinable @inline(__always)
    public static func rounded(_ delay: Double) -> Int64 {
        if delay >= Double(never) { return never }
        if delay <= -Double(never) { return -never }
        if delay.isNaN { return never }
        // Half away from zero, as `rounded()`, without a call into libm's `round`.
        return delay >= 0 ? Int64(delay + 0.5) : -Int64(0.5 - delay)
    }
}
