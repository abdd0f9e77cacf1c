public import HAL

/// Counts lost edges per line from sequence numbers, and numbers edges when the kernel does not.
///
/// With libgpiod 2.x every edge carries the kernel's per-line sequence number (1, 2, 3, …); the
/// kernel keeps numbering when its event buffer overflows and drops the oldest events, so a jump
/// of n + 1 between two events of a line means exactly n edges were lost, whichever edges the
/// line reports.
///
/// libgpiod 1.6 (the v1 uAPI) gives no sequence numbers and drops overflowing events silently.
/// For a line reporting both edges the best that API allows is a lower bound: its edges alternate
/// rising/falling, so two consecutive edges of the same kind mean at least one edge of the other
/// kind was lost. The tracker then numbers the events itself and leaves the same gap in
/// `lineSequence` (+2 instead of +1), so downstream code sees a lost edge the same way on both
/// versions. A line reporting one kind of edge only (a click line: rising) has nothing to
/// alternate, every edge of it is of the same kind; its losses cannot be seen at all, and the
/// tracker numbers its events consecutively and says so in `detection` rather than count every
/// click as a loss.
public struct EdgeSequenceTracker: Sendable {
    /// Whether events arrive with the kernel's sequence numbers.
    public let usesKernelSequenceNumbers: Bool
    /// How each line's lost edges are found, in line order.
    public let detection: [LostEdgeDetection]
    /// Edges known lost so far: exact with kernel numbers; without, a lower bound over the lines
    /// reporting both edges and nothing from the others (`detection` says which).
    public private(set) var lostEdgeCount: Int = 0
    /// Per line: whether two edges of one kind in a row count as a loss (v1, both edges).
    private let checksAlternation: [Bool]
    private var lastSequence: [UInt64]
    private var lastKind: [EdgeKind?]

    /// A tracker for a request whose lines report `edges` (one entry per line, in line order).
    public init(edges: [EdgeSelection], usesKernelSequenceNumbers: Bool) {
        self.usesKernelSequenceNumbers = usesKernelSequenceNumbers
        detection = edges.map { LostEdgeDetection(edges: $0, kernelSequenceNumbers: usesKernelSequenceNumbers) }
        checksAlternation = detection.map { $0 == .lowerBound }
        lastSequence = Array(repeating: 0, count: edges.count)
        lastKind = Array(repeating: nil, count: edges.count)
    }

    /// Accounts for `event` (in arrival order) and, without kernel numbers, numbers it.
    public mutating func account(_ event: inout EdgeEvent) {
        let line = event.line
        guard line >= 0, line < lastSequence.count else { return }
        if usesKernelSequenceNumbers {
            let expected = lastSequence[line] &+ 1
            if event.lineSequence > expected {
                lostEdgeCount += Int(clamping: event.lineSequence - expected)
            }
        } else {
            var next = lastSequence[line] &+ 1
            if checksAlternation[line], let previous = lastKind[line], previous == event.kind {
                lostEdgeCount += 1
                next &+= 1
            }
            event.lineSequence = next
        }
        lastSequence[line] = max(lastSequence[line], event.lineSequence)
        lastKind[line] = event.kind
    }
}
