/// What each HAL operation costs on a board, and how late its effects and its edge stamps are.
///
/// The simulated board pays these costs so that a simulated run shows the timing budget the real
/// board would: on a Raspberry Pi every line write is an ioctl into the GPIO character device, so
/// a gate written right after the trigger opens about a microsecond later, a sleeping loop wakes
/// some microseconds after its deadline, and the kernel stamps each click edge microseconds after
/// it happened, differently for every edge. Costs are CPU time the firmware spends in the call;
/// latencies are when the effect appears, measured from the start of the call.
///
/// Profiles are data: `Board/profiles/*.profile.toml` (the shipped ones, built in) or a file that
/// `qdot profile --loopback` measured on a real board; `ideal` is the one in code.
public struct TimingProfile: Sendable, Hashable {
    /// The profile's name as board files give it.
    public var name: String
    /// CPU time of one `OutputLine` set (single or bulk: one ioctl either way).
    public var lineWriteCost: TimeSpan
    /// From the start of a set call to the line changing at the pin.
    public var lineWriteLatency: TimeSpan
    /// CPU time of one `EdgeInput.readEdges` call that finds nothing.
    public var edgeReadCost: TimeSpan
    /// Extra CPU time per edge event copied out.
    public var edgeReadCostPerEvent: TimeSpan
    /// CPU time of one `EdgeInput.value(ofLine:)`.
    public var lineReadCost: TimeSpan
    /// CPU time of one `HardwareClock.now` (a vDSO `clock_gettime` on Linux).
    public var clockReadCost: TimeSpan
    /// From a sleep's deadline to the loop running again.
    public var wakeLatency: LatencyDistribution
    /// From an input edge at the pin to the instant the kernel stamps on it (interrupt entry),
    /// drawn for every edge on its own: two lines' clicks at one instant get different stamps.
    public var edgeStampLatency: LatencyDistribution
    /// Edge events the kernel buffers per requested input line before it drops the oldest
    /// (Linux: 16 per line by default, `event_buffer_size` of uAPI v2).
    public var edgeEventsPerLine: Int
    /// The narrowest pulse an input reports as a rising edge: the chip's edge detector needs it to
    /// last that long (its sampling clock). Zero: every pulse is seen. Clicks narrower than this
    /// need a pulse stretcher on the board. (Click lines are requested for rising edges only: with
    /// both edges the kernel would also read the line's level in its handler, microseconds late,
    /// and report every pulse over by then as a falling edge.)
    public var shortestPulse: TimeSpan

    /// A profile from its parts.
    public init(name: String, lineWriteCost: TimeSpan, lineWriteLatency: TimeSpan, edgeReadCost: TimeSpan,
                edgeReadCostPerEvent: TimeSpan, lineReadCost: TimeSpan, clockReadCost: TimeSpan,
                wakeLatency: LatencyDistribution, edgeStampLatency: LatencyDistribution, edgeEventsPerLine: Int = 16,
                shortestPulse: TimeSpan = .zero) {
        self.name = name
        self.lineWriteCost = lineWriteCost
        self.lineWriteLatency = lineWriteLatency
        self.edgeReadCost = edgeReadCost
        self.edgeReadCostPerEvent = edgeReadCostPerEvent
        self.lineReadCost = lineReadCost
        self.clockReadCost = clockReadCost
        self.wakeLatency = wakeLatency
        self.edgeStampLatency = edgeStampLatency
        self.edgeEventsPerLine = edgeEventsPerLine
        self.shortestPulse = shortestPulse
    }

    /// Every operation free and instant: waveforms are exactly the schedule, every edge is stamped
    /// at the instant it happens, every pulse is seen.
    public static let ideal = TimingProfile(
        name: "ideal", lineWriteCost: .zero, lineWriteLatency: .zero, edgeReadCost: .zero,
        edgeReadCostPerEvent: .zero, lineReadCost: .zero, clockReadCost: .zero, wakeLatency: .zero,
        edgeStampLatency: .zero)
}
