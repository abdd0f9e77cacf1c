public import HAL

/// Counts lost edges per line from sequence numbers, and numbers edges when the kernel does not.
///
/// With libgpiod 2.x every edge carries the kernel's per-line sequence number (1, 2, 3, …); the
/// kernel keeps numbering when its event buffer overflows and drops the oldest events, so a jump
/// of n + 1 between two events of a line means exactly n edges were lost.
///
/// libgpiod 1.6 (the v1 uAPI) gives no sequence numbers and drops overflowing events silently.
/// The best that API allows is a lower bound: edges of one line alternate rising/falling, so two
/// consecutive edges of the same kind mean at least one edge of the other kind was lost. The
/// tracker then numbers the events itself and leaves the same gap in `lineSequence` (+2 instead
/// of +1), so downstream code sees a lost edge the same way on both versions.
public struct EdgeSequenceTracker: Sendable {
    /// Whether events arrive with the kernel's sequence numbers.
    public let usesKernelSequenceNumbers: Bool
    /// Edges known lost so far (exact with kernel numbers, a lower bound without).
    public private(set) var lostEdgeCount: Int = 0
    private var lastSequence: [UInt64]
    private var lastKind: [EdgeKind?]

    /// A tracker for a request of `lineCount` lines.
    public init(lineCount: Int, usesKernelSequenceNumbers: Bool) {
        self.usesKernelSequenceNumbers = usesKernelSequenceNumbers
        lastSequence = Array(repeating: 0, count: lineCount)
        lastKind = Array(repeating: nil, count: lineCount)
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
            if let previous = lastKind[line], previous == event.kind {
                lostEdgeCount += 1
                next &+= 1
            }
            event.lineSequence = next
        }
        lastSequence[line] = max(lastSequence[line], event.lineSequence)
        lastKind[line] = event.kind
    }
}
