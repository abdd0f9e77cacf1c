import CFloatToInteger

/// Conversions of sampled delays (Double, ps) to the model's integer timeline.
public enum Picoseconds {
    /// A delay that stands for "never": far beyond any run, yet safe to add to a time without overflow.
    /// (A constant other modules fold in: a stored `static let` is read through a call from
    /// outside Physics, once per laser jitter and per detector timer.)
    @inlinable public static var never: Int64 { 1 << 62 }

    /// `delay` rounded to whole picoseconds, saturating at ``never`` (and at −``never``), so no
    /// sample, however extreme, can trap the conversion. Not inlinable (every caller is in
    /// Physics): the conversion is C's, from a module Physics does not export.
    @inline(__always)
    public static func rounded(_ delay: Double) -> Int64 {
        // Half away from zero, as `rounded()`, without a call into libm's `round`: |delay| + ½
        // truncated, then the sign, chosen without a branch (a jitter's sign is a coin toss the
        // branch predictor loses). For delay < 0, |delay| + ½ is exactly 0.5 − delay.
        let halfUp = delay.magnitude + 0.5
        // One comparison for both saturations and NaN (which fails it and gives +never): below
        // 2⁶², |delay| + ½ < 2⁶² exactly when |delay| < 2⁶² (doubles there are 512 apart).
        guard halfUp < Double(never) else { return delay < 0 ? -never : never }
        // Below 2⁶² and at least ½: Swift's Int64(halfUp) would check again, for finiteness and
        // both ends of Int64, what this guard has settled; C's conversion does not.
        let magnitude = qdot_int64_truncating(halfUp)
        return delay < 0 ? 0 &- magnitude : magnitude
    }
}
