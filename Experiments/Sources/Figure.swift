public import Analysis

/// One certified figure of a run: its value, its standard error, its unit and how it was found,
/// and, for a figure with a bounded range, a confidence interval that respects the range.
public struct Figure: Sendable, Hashable {
    /// The stable key ("chsh-s", "visibility-hv", "qber-hv").
    public var key: FigureKey
    /// What it is, in words.
    public var name: String
    /// The value.
    public var value: Double
    /// One standard error (the method says which error).
    public var standardError: Double
    /// The unit ("" for a pure number).
    public var unit: String
    /// How the value and its error were obtained, with the reference.
    public var method: String
    /// A confidence interval (its own method says which), for every figure whose range has an
    /// edge the value can reach (a visibility, a QBER, a concurrence, a count); nil for the others
    /// (a gate delay, a number of standard errors). At an edge the standard error can be 0 while
    /// the interval is not (docs/result-format.md).
    public var interval: ConfidenceInterval?

    /// A figure.
    public init(key: FigureKey, name: String, value: Double, standardError: Double, unit: String = "", method: String,
                interval: ConfidenceInterval? = nil) {
        self.key = key
        self.name = name
        self.value = value
        self.standardError = standardError
        self.unit = unit
        self.method = method
        self.interval = interval
    }

    /// The figure of `estimate`: its value, standard error and interval.
    public init(key: FigureKey, name: String, estimate: Estimate, unit: String = "", method: String) {
        self.init(key: key, name: name, value: estimate.value, standardError: estimate.standardError, unit: unit,
                  method: method, interval: estimate.interval)
    }
}
