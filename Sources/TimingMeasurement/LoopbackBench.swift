public import Firmware
public import HAL

/// The lines a loopback measurement works through, on any backend: the trigger output, the spare
/// input a jumper wires it to, the interlock, and the board's clock.
///
/// The composition root builds it from a board file's `[line.trigger]`, `[line.loopback]` and
/// `[line.interlock]` on the simulated board or on libgpiod; the measurement sees only the HAL.
public struct LoopbackBench {
    /// The trigger output, in the request the station drives it through; its safe level is the
    /// level it rests at between the measurement's pulses.
    public var trigger: OutputBinding
    /// The spare input wired to the trigger, requested for edges on its own.
    public var loopback: InputBinding
    /// The interlock input: active = loop closed = laser permitted.
    public var interlock: InputBinding
    /// The board's clock (CLOCK_MONOTONIC on Linux: the clock the kernel stamps edges with).
    public var clock: any HardwareClock
    /// The trigger's name for messages (`chip/line`).
    public var triggerName: String
    /// The loopback line's name for messages (`chip/line`).
    public var loopbackName: String
    /// The interlock's name for messages (`chip/line`).
    public var interlockName: String

    /// A bench from its lines and their names.
    public init(trigger: OutputBinding, loopback: InputBinding, interlock: InputBinding, clock: any HardwareClock,
                triggerName: String, loopbackName: String, interlockName: String) {
        self.trigger = trigger
        self.loopback = loopback
        self.interlock = interlock
        self.clock = clock
        self.triggerName = triggerName
        self.loopbackName = loopbackName
        self.interlockName = interlockName
    }
}

/// How long and how fast a loopback measurement runs, and whether the laser is out of the way.
public struct LoopbackPlan: Sendable, Hashable {
    /// Measurement cycles; each gives one wake-up, one read finding one waiting edge, one empty
    /// edge read, one line read, and two writes (to the pulse level and back) each with its edge stamp.
    public var cycles: Int
    /// Time between the cycles' deadlines (1 ms, as `qdot latency` sleeps by default).
    public var period: TimeSpan
    /// How long to wait for the loopback's edge after a write before giving up on the wiring.
    public var edgeTimeout: TimeSpan
    /// Back-to-back clock reads that time the clock read itself.
    public var clockReads: Int
    /// The operator says the trigger output is not connected to the laser driver: the measurement
    /// then runs with the interlock closed too. Otherwise a closed interlock (laser permitted)
    /// refuses it, and a closing one stops it.
    public var laserDisconnected: Bool

    /// A plan; by default 1 ms between cycles, 100 ms for an edge, 1000 clock reads.
    public init(cycles: Int, period: TimeSpan = .milliseconds(1), edgeTimeout: TimeSpan = .milliseconds(100),
                clockReads: Int = 1_000, laserDisconnected: Bool = false) {
        self.cycles = cycles
        self.period = period
        self.edgeTimeout = edgeTimeout
        self.clockReads = clockReads
        self.laserDisconnected = laserDisconnected
    }
}
