/// A measured value with its one-standard-deviation error and, for a figure with a bounded
/// range, a confidence interval.
///
/// Each function that returns an `Estimate` says in its documentation which error it is
/// (Poisson counting statistics propagated to first order, binomial, or Monte Carlo spread), and
/// which interval, if any.
public struct Estimate: Hashable, Sendable, CustomStringConvertible {
    /// The best value.
    public var value: Double
    /// One standard error (1σ) of `value`.
    public var standardError: Double
    /// A confidence interval that respects the figure's range, or nil (figures without a bound in reach).
    public var interval: ConfidenceInterval?

    /// An estimate with its 1σ standard error and, when given, its interval.
    @inlinable
    public init(value: Double, standardError: Double, interval: ConfidenceInterval? = nil) {
        self.value = value
        self.standardError = standardError
        self.interval = interval
    }

    public var description: String {
        "\(value) ± \(standardError)" + (interval.map { " \($0)" } ?? "")
    }
}
