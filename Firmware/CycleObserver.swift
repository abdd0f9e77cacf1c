/// Someone outside the real-time path who wants to hear from the cycle loop now and then: a
/// consumer draining the click ring on the loop's own thread (the simulated board, which must
/// stay single-threaded), a progress display, the live figures a service publishes.
///
/// The loop calls `cyclesCompleted(_:)` and then `loopFigures(_:lateness:)` every
/// `observerInterval` cycles, between cycles, and once more when the run ends. What the observer
/// does costs loop time, so it should be quick and must not allocate or lock against a reader.
public protocol CycleObserver: AnyObject {
    /// Called with the number of cycles completed so far.
    func cyclesCompleted(_ cycles: Int)
    /// Called right after `cyclesCompleted(_:)` with the loop's own figures so far and its
    /// lateness histogram (lent for the call: read it, do not keep it).
    func loopFigures(_ figures: LoopFigures, lateness: LatenessHistogram)
}

extension CycleObserver {
    /// Observers that only count cycles ignore the rest.
    public func loopFigures(_ figures: LoopFigures, lateness: LatenessHistogram) {}
}

/// What the loop knows of its run so far, between two cycles.
public struct LoopFigures: Sendable, Equatable {
    /// Trigger cycles run.
    public var cycles: Int
    /// The schedule step the loop is on (its index in `CycleSchedule.steps`).
    public var step: Int
    /// Cycles whose actions ran past the period.
    public var overruns: Int
    /// Trigger slots skipped after a late wake.
    public var missedSlots: Int
    /// Edges the backend lost.
    public var lostEdges: Int
    /// Click events dropped because the analysis ring was full.
    public var clickEventsDropped: Int
    /// The interlock opened (the run ends at this cycle boundary).
    public var interlockOpen: Bool

    /// Figures.
    public init(cycles: Int = 0, step: Int = 0, overruns: Int = 0, missedSlots: Int = 0, lostEdges: Int = 0,
                clickEventsDropped: Int = 0, interlockOpen: Bool = false) {
        self.cycles = cycles
        self.step = step
        self.overruns = overruns
        self.missedSlots = missedSlots
        self.lostEdges = lostEdges
        self.clickEventsDropped = clickEventsDropped
        self.interlockOpen = interlockOpen
    }
}
