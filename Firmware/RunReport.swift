public import HAL
public import Vocabulary

/// Timing figures of a run: how late the loop woke and how often it overran.
public struct TimingBudget: Sendable, Hashable {
    /// Cycle-start wake-ups measured.
    public var samples: Int
    /// Lateness (wake − deadline) percentiles and extremes, in nanoseconds.
    public var latenessMinimumNanoseconds: Int64
    public var latenessMeanNanoseconds: Double
    public var latenessP50Nanoseconds: Int64
    public var latenessP99Nanoseconds: Int64
    public var latenessP999Nanoseconds: Int64
    public var latenessMaximumNanoseconds: Int64
    /// Cycles whose last action happened after the next cycle's deadline.
    public var overruns: Int
    /// Cycle slots skipped because the loop woke more than a whole period late (the trigger is
    /// never fired in a burst to catch up).
    public var missedSlots: Int
    /// Wake-ups earlier than their deadline (a breach of the clock's contract; should be 0).
    public var earlyWakeups: Int
    /// The latest any timed action (gate, trigger) ran after its own deadline, in nanoseconds.
    public var actionLatenessMaximumNanoseconds: Int64

    /// A budget from its figures.
    public init(samples: Int, latenessMinimumNanoseconds: Int64, latenessMeanNanoseconds: Double,
                latenessP50Nanoseconds: Int64, latenessP99Nanoseconds: Int64, latenessP999Nanoseconds: Int64,
                latenessMaximumNanoseconds: Int64, overruns: Int, missedSlots: Int, earlyWakeups: Int,
                actionLatenessMaximumNanoseconds: Int64) {
        self.samples = samples
        self.latenessMinimumNanoseconds = latenessMinimumNanoseconds
        self.latenessMeanNanoseconds = latenessMeanNanoseconds
        self.latenessP50Nanoseconds = latenessP50Nanoseconds
        self.latenessP99Nanoseconds = latenessP99Nanoseconds
        self.latenessP999Nanoseconds = latenessP999Nanoseconds
        self.latenessMaximumNanoseconds = latenessMaximumNanoseconds
        self.overruns = overruns
        self.missedSlots = missedSlots
        self.earlyWakeups = earlyWakeups
        self.actionLatenessMaximumNanoseconds = actionLatenessMaximumNanoseconds
    }
}

/// Everything a run found, in board time; wall-clock figures belong to the tool that ran it.
public struct RunReport: Sendable, Hashable {
    /// Where the controller ended.
    public var finalState: ControllerState
    /// Whether the whole schedule ran.
    public var complete: Bool
    /// Why the run stopped early, if it did (interlock, hardware error, stop request).
    public var stopReason: StopReason?
    /// The cycle timing used.
    public var timing: CycleTiming
    /// Cycles the schedule asked for.
    public var cyclesPlanned: Int
    /// Cycles that ran (trigger fired).
    public var cyclesRun: Int
    /// Board time of the first cycle's deadline and of the end of the last cycle, in ns.
    public var startNanoseconds: Int64
    public var endNanoseconds: Int64
    /// Per-setting counts, in schedule order.
    public var settings: [SettingTally]
    /// Wake-up lateness and overruns.
    public var timingBudget: TimingBudget
    /// Edges the backend reported lost (kernel buffer overflow, sequence gaps).
    public var lostEdges: Int
    /// Click edges older than the cycle they were read in (arrived after their cycle was
    /// closed); counted, not attributed.
    public var clicksOutsideCycle: Int
    /// Click events the loop could not hand to the analysis because its ring was full (0 when
    /// nothing consumed clicks); the analysis then saw fewer clicks than the tallies count.
    public var clickEventsDropped: Int = 0

    /// Whether clicks were lost on the way (edges the backend lost, or click events the ring
    /// could not take): the counts and figures then undercount.
    public var clicksLost: Bool { lostEdges > 0 || clickEventsDropped > 0 }

    /// A report from its parts.
    public init(finalState: ControllerState, complete: Bool, stopReason: StopReason?, timing: CycleTiming,
                cyclesPlanned: Int, cyclesRun: Int, startNanoseconds: Int64, endNanoseconds: Int64,
                settings: [SettingTally], timingBudget: TimingBudget, lostEdges: Int, clicksOutsideCycle: Int,
                clickEventsDropped: Int) {
        self.finalState = finalState
        self.complete = complete
        self.stopReason = stopReason
        self.timing = timing
        self.cyclesPlanned = cyclesPlanned
        self.cyclesRun = cyclesRun
        self.startNanoseconds = startNanoseconds
        self.endNanoseconds = endNanoseconds
        self.settings = settings
        self.timingBudget = timingBudget
        self.lostEdges = lostEdges
        self.clicksOutsideCycle = clicksOutsideCycle
        self.clickEventsDropped = clickEventsDropped
    }

    /// Simulated or real time the run covered.
    public var runDuration: TimeSpan { TimeSpan(nanoseconds: endNanoseconds - startNanoseconds) }

    /// The counts of every setting added together.
    public var total: SettingCounts {
        settings.reduce(into: SettingCounts()) { $0 += $1.counts }
    }
}
