/// A scheduled event: due at a board cycle, ordered by (cycle, picosecond within the cycle, order
/// of scheduling).
public struct ScheduledEvent: Sendable, Equatable {
    /// The board cycle at which the event happens.
    public var cycle: Int64
    /// For physics events on the picosecond timeline (a photon, a dark count), where in the
    /// cycle ending at `cycle` they happen, 1…period; 0 for every other event, which therefore
    /// runs first. Keeps a device's own events in time order inside one board cycle.
    public var picosecondInCycle: Int64
    /// Insertion number: events due on the same cycle (and picosecond) run in the order they were scheduled.
    public var order: UInt64
    /// What happens.
    public var event: SimulationEvent

    /// Whether `a` runs before `b`: the total order (cycle, picosecond, insertion number).
    @inline(__always)
    static func precedes(_ a: ScheduledEvent, _ b: ScheduledEvent) -> Bool {
        if a.cycle != b.cycle { return a.cycle < b.cycle }
        if a.picosecondInCycle != b.picosecondInCycle { return a.picosecondInCycle < b.picosecondInCycle }
        return a.order < b.order
    }

    /// Whether `a` is due strictly before `b` by (cycle, picosecond) alone. For an `a` scheduled
    /// after `b` this is the same as `precedes(a, b)`: a tie goes to `b`, the earlier one.
    @inline(__always)
    static func dueBefore(_ a: ScheduledEvent, _ b: ScheduledEvent) -> Bool {
        a.cycle < b.cycle || (a.cycle == b.cycle && a.picosecondInCycle < b.picosecondInCycle)
    }
}
