/// A measured value with its one-standard-deviation error.
///
/// Each function that returns an `Estimate` says in its documentation which error it is
/// (Poisson counting statistics propagated to first order, binomial, or Monte Carlo spread).
public struct Estimate: Hashable, Sendable, CustomStringConvertible {
    /// The best value.
    public var value: Double
    /// One standard error (1σ) of `value`.
    public var standardError: Double

    /// An estimate with its 1σ standard error.
    @inlinable
    public init(value: Double, standardError: Double) {
        self.value = value
        self.standardError = standardError
    }

    public var description: String { "\(value) ± \(standardError)" }
}
