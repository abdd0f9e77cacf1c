public import HAL
public import Vocabulary

/// Timing figures of a run: how late the loop woke and how often it overran.
public struct TimingBudget: Sendable, Hashable, Codable {
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
}

/// Everything a run found, in board time; wall-clock figures belong to the tool that ran it.
public struct RunReport: Sendable, Codable {
    /// Where the controller ended.
    public var finalState: String
    /// Whether the whole schedule ran.
    public var complete: Bool
    /// Why the run stopped early, if it did (interlock, hardware error, stop request).
    public var stopReason: String?
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

    /// Simulated or real time the run covered.
    public var runDuration: TimeSpan { TimeSpan(nanoseconds: endNanoseconds - startNanoseconds) }

    /// The counts of every setting added together.
    public var total: SettingCounts {
        settings.reduce(into: SettingCounts()) { $0 += $1.counts }
    }
}
