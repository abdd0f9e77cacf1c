public import SeededRandom

/// The few distributions the model draws from, each in closed form (no time stepping).
extension Xoshiro256StarStar {
    /// `true` with probability `probability` (a Bernoulli trial).
    @inlinable @inline(__always) public mutating func nextBernoulli(probability: Double) -> Bool {
        nextUnitInterval() < probability
    }

    /// The threshold that makes ``nextBernoulli(threshold:)`` true with probability `probability`
    /// (in [0, 1]): ⌈p·2⁵³⌉, so that for the 53-bit integer u of a draw, u < ⌈p·2⁵³⌉ exactly when
    /// u·2⁻⁵³ < p — the same outcome, draw for draw, as ``nextBernoulli(probability:)``.
    @inlinable public static func bernoulliThreshold(probability: Double) -> UInt64 {
        UInt64((min(max(probability, 0), 1) * 0x1p53).rounded(.up))
    }

    /// `true` with the probability whose ``bernoulliThreshold(probability:)`` is `threshold`: an
    /// integer comparison, no conversion to floating point.
    @inlinable @inline(__always) public mutating func nextBernoulli(threshold: UInt64) -> Bool {
        next() >> 11 < threshold
    }

    /// An exponentially distributed delay with mean `mean`: mean times a standard exponential
    /// from the ziggurat method (``nextStandardExponential()``), finite and never negative.
    @inlinable @inline(__always) public mutating func nextExponential(mean: Double) -> Double {
        mean * nextStandardExponential()
    }
}
