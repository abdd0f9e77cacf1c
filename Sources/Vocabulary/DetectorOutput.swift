/// Which output port of an arm's polarizing beam splitter a detector sits on.
public enum DetectorOutput: String, Sendable, Hashable, CaseIterable {
    /// The + output (H, D, R or the analyzer angle θ).
    case plus
    /// The − output (V, A, L or θ + 90°).
    case minus
}
