public import Vocabulary

/// What one line of an input request is to the cycle loop.
@usableFromInline enum InputRole: Sendable, Hashable {
    /// The click line of a detector.
    case click(DetectorChannel)
    /// The safety interlock: a falling edge (loop opened) stops the run.
    case interlock
    /// A line of the request that plays no role here.
    case unused
}
