/// A confidence interval [lower, upper] of a figure, its confidence level, and how it was found.
///
/// Figures with a bounded range (a visibility in [0, 1], a QBER, a concurrence, a count ≥ 0) carry
/// one beside their standard error: at the edge of the range the standard error says nothing (a
/// visibility of 1 from N coincidences all in the same outputs has a binomial error of 0), while an
/// interval that respects the range still says how far from the edge the truth may be. Each
/// function that returns one says which interval it is; the `method` text cites it.
public struct ConfidenceInterval: Hashable, Sendable, CustomStringConvertible {
    /// The lower limit.
    public var lower: Double
    /// The upper limit.
    public var upper: Double
    /// The confidence level, a probability (``oneSigmaLevel`` for every interval qdot computes).
    public var confidenceLevel: Double
    /// Which interval, with its reference.
    public var method: String

    /// An interval.
    public init(lower: Double, upper: Double, confidenceLevel: Double, method: String) {
        self.lower = lower
        self.upper = upper
        self.confidenceLevel = confidenceLevel
        self.method = method
    }

    /// erf(1/√2) ≈ 0.6827: the probability of a normal variate within one standard deviation of
    /// its mean. qdot's intervals use it, so that an interval and a ± standard error say the same
    /// where the normal approximation holds, and differ only where it does not (at the edges).
    public static let oneSigmaLevel = 0.682_689_492_137_085_9

    /// The standard normal quantile z with P(|Z| ≤ z) = ``oneSigmaLevel``: 1.
    static let oneSigmaZ = 1.0

    /// value ± standardError, clipped to the figure's `range`: the interval of an estimate whose
    /// distribution is near normal, cut where the range ends (the normal interval truncated to the
    /// physical region; see M. Mandelkern, Stat. Sci. 17, 149 (2002), for what truncation does and
    /// does not do). Always holds a value inside the range, and never empty; at the edge it reaches
    /// the edge while the ± error alone would point past it.
    public static func normal(value: Double, standardError: Double, range: ClosedRange<Double>,
                              method: String) -> ConfidenceInterval {
        ConfidenceInterval(lower: value - oneSigmaZ * standardError, upper: value + oneSigmaZ * standardError,
                           confidenceLevel: oneSigmaLevel, method: method).clipped(to: range)
    }

    /// The same interval with its limits clipped to `range` (when the figure's range is narrower
    /// than the interval's own, as for a fidelity found from correlations that may sum past 1).
    public func clipped(to range: ClosedRange<Double>) -> ConfidenceInterval {
        var result = self
        result.lower = min(max(lower, range.lowerBound), range.upperBound)
        result.upper = min(max(upper, range.lowerBound), range.upperBound)
        return result
    }

    /// The same interval with `note` added to its method.
    func noting(_ note: String) -> ConfidenceInterval {
        var result = self
        result.method += note
        return result
    }

    public var description: String {
        "[\(lower), \(upper)] (\((confidenceLevel * 100).rounded(toPlaces: 1)) %)"
    }
}

extension Double {
    /// The value rounded to `places` decimal places.
    func rounded(toPlaces places: Int) -> Double {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        return (self * scale).rounded() / scale
    }
}
