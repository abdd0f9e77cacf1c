/// Everything a loopback measurement timed, raw, in nanoseconds on the board's clock.
///
/// Spans of calls are t₁ − t₀ between two clock reads around the call (each holds one clock read
/// besides the call: `CostEstimate` takes it off). Write-to-stamp spans are the loopback edge's
/// stamp less the clock read just before the write.
public struct LoopbackSamples: Sendable, Hashable {
    /// Back-to-back clock reads made, and the span from the first to the last.
    public var clockReads: Int = 0
    /// The span of `clockReads` back-to-back reads (first to last: `clockReads − 1` whole reads).
    public var clockReadSpanNanoseconds: Int64 = 0
    /// How late each cycle woke after its deadline.
    public var wakeLatencies: [Int64] = []
    /// The span of each trigger write (both levels).
    public var writeSpans: [Int64] = []
    /// From the clock read before each write to the stamp of the loopback edge it made.
    public var writeToStampSpans: [Int64] = []
    /// The span of each edge read that found no edge (one per cycle, before its writes).
    public var emptyReadSpans: [Int64] = []
    /// The span of each edge read that found exactly one waiting edge: the last cycle's return to
    /// the safe level, read after the wake-up, long after the interrupt queued it (every cycle but
    /// the first).
    public var oneEdgeReadSpans: [Int64] = []
    /// The span of each level read of the loopback line.
    public var lineReadSpans: [Int64] = []
    /// Deadlines skipped because a cycle's work ran past the next one.
    public var overruns = 0
    /// Edges beyond the one each write makes (ringing on the wire, or something else driving the
    /// line): counted, not timed.
    public var extraEdges = 0
    /// Cycles completed.
    public var cycles = 0

    /// No samples yet.
    public init() {}
}
