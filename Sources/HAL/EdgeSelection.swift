/// Which edges of an input line are reported.
///
/// Click lines ask for rising edges only: the kernel then knows an edge's direction from the edge
/// detector itself, whereas with both edges it reads the line's level in its handler, microseconds
/// later, and a click pulse that is already over is reported as a falling edge (the click lost).
/// The interlock asks for both edges.
public enum EdgeSelection: Sendable, Hashable, CustomStringConvertible {
    /// Rising edges only (the inactive → active change).
    case rising
    /// Falling edges only.
    case falling
    /// Both edges.
    case both

    /// Whether an edge to `active` (true: rising) is reported.
    @inlinable
    public func reports(risingEdge: Bool) -> Bool {
        switch self {
        case .rising: risingEdge
        case .falling: !risingEdge
        case .both: true
        }
    }

    /// `rising`, `falling` or `both`, as messages and logs print it.
    public var description: String {
        switch self {
        case .rising: "rising"
        case .falling: "falling"
        case .both: "both"
        }
    }
}
