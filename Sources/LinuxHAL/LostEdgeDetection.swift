public import HAL

/// How the backend finds a line's lost edges (edges the kernel dropped because its event buffer
/// was full): that depends on the libgpiod API and on the edges the line reports.
public enum LostEdgeDetection: String, Sendable, Hashable, CaseIterable {
    /// Exactly, from the kernel's per-line sequence numbers (libgpiod 2.x, the GPIO uAPI v2): a
    /// jump of n + 1 between two of a line's events means n edges lost.
    case exact
    /// As a lower bound (libgpiod 1.6, a line reporting both edges): the uAPI v1 numbers nothing,
    /// but a line's edges alternate, so two of one kind in a row mean at least one lost between.
    case lowerBound = "lower-bound"
    /// Not at all (libgpiod 1.6, a line reporting rising or falling edges only): no sequence
    /// numbers and no alternation to check, so an edge the kernel drops goes uncounted. A run
    /// record says so instead of claiming none were lost.
    case undetectable

    /// How lost edges of a line reporting `edges` are found, with or without the kernel's
    /// sequence numbers.
    public init(edges: EdgeSelection, kernelSequenceNumbers: Bool) {
        if kernelSequenceNumbers {
            self = .exact
        } else {
            self = edges == .both ? .lowerBound : .undetectable
        }
    }
}
