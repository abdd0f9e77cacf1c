public import HAL

/// What each HAL operation costs on the board the simulation imitates.
///
/// A simulated run pays these costs so it shows the timing budget the real board would: on a
/// Raspberry Pi every line write is an ioctl into the GPIO character device, so a gate written
/// right after the trigger opens about a microsecond later, and a sleeping loop wakes some
/// microseconds after its deadline. Costs are CPU time the firmware spends in the call; latencies
/// are when the effect appears, measured from the start of the call.
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
    /// The least time between a sleep's deadline and the loop running again.
    public var wakeLatencyMinimum: TimeSpan
    /// Mean of the exponential tail added to `wakeLatencyMinimum` (0 for none).
    public var wakeLatencyTailMean: TimeSpan
    /// The longest wake-up latency the profile produces (the tail is cut here).
    public var wakeLatencyMaximum: TimeSpan
    /// From an input edge at the pin to the instant the kernel stamps on it (interrupt entry).
    public var edgeTimestampLatency: TimeSpan

    /// A profile from its parts.
    public init(name: String, lineWriteCost: TimeSpan, lineWriteLatency: TimeSpan, edgeReadCost: TimeSpan,
                edgeReadCostPerEvent: TimeSpan, lineReadCost: TimeSpan, clockReadCost: TimeSpan,
                wakeLatencyMinimum: TimeSpan, wakeLatencyTailMean: TimeSpan, wakeLatencyMaximum: TimeSpan,
                edgeTimestampLatency: TimeSpan) {
        self.name = name
        self.lineWriteCost = lineWriteCost
        self.lineWriteLatency = lineWriteLatency
        self.edgeReadCost = edgeReadCost
        self.edgeReadCostPerEvent = edgeReadCostPerEvent
        self.lineReadCost = lineReadCost
        self.clockReadCost = clockReadCost
        self.wakeLatencyMinimum = wakeLatencyMinimum
        self.wakeLatencyTailMean = wakeLatencyTailMean
        self.wakeLatencyMaximum = wakeLatencyMaximum
        self.edgeTimestampLatency = edgeTimestampLatency
    }

    /// Every operation free and instant: waveforms are exactly the schedule.
    public static let ideal = TimingProfile(
        name: "ideal", lineWriteCost: .zero, lineWriteLatency: .zero, edgeReadCost: .zero,
        edgeReadCostPerEvent: .zero, lineReadCost: .zero, clockReadCost: .zero,
        wakeLatencyMinimum: .zero, wakeLatencyTailMean: .zero, wakeLatencyMaximum: .zero,
        edgeTimestampLatency: .zero)

    /// A Raspberry Pi 4 (Cortex-A72 at 1.5 GHz) using libgpiod from user space on a stock
    /// (non-PREEMPT_RT) Raspberry Pi OS kernel.
    ///
    /// Estimates, stated so they can be checked: a GPIO character-device ioctl (GPIO_V2_LINE_SET_VALUES)
    /// costs about 1 µs of CPU on this class of core (syscall entry/exit plus the pinctrl write);
    /// reading events is one `read(2)` of 48-byte `gpio_v2_line_event` records; `clock_gettime`
    /// through the vDSO costs tens of nanoseconds; `clock_nanosleep` wakes typically 8–15 µs late
    /// with a tail to ~100 µs without PREEMPT_RT (cyclictest figures widely reported for the Pi 4);
    /// the kernel stamps an edge in its hard-IRQ handler a few microseconds after the pin changes.
    /// Measure your own board with `qdot latency` and the gpio-sim/hardware lanes and adjust.
    public static let raspberryPi4 = TimingProfile(
        name: "raspberry-pi-4", lineWriteCost: .nanoseconds(1_200), lineWriteLatency: .nanoseconds(900),
        edgeReadCost: .nanoseconds(2_000), edgeReadCostPerEvent: .nanoseconds(150),
        lineReadCost: .nanoseconds(1_000), clockReadCost: .nanoseconds(60),
        wakeLatencyMinimum: .microseconds(8), wakeLatencyTailMean: .microseconds(4),
        wakeLatencyMaximum: .microseconds(100), edgeTimestampLatency: .microseconds(3))
}
