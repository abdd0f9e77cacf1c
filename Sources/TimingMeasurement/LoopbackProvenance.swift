/// Where and how a loopback measurement was made, for the profile file's header: enough to tell
/// months later what board, kernel and library the figures are of.
public struct LoopbackProvenance: Sendable, Hashable {
    /// The board's name (`raspberry-pi-4`).
    public var boardName: String
    /// The board file (a path, or `(built in) NAME.board.toml`).
    public var boardFile: String
    /// The trigger line, `chip/line`.
    public var triggerLine: String
    /// The loopback line, `chip/line`.
    public var loopbackLine: String
    /// When the measurement was made (ISO 8601, UTC).
    public var measuredAt: String
    /// The system it ran on: `Linux 6.6.51+rpt-rpi-v8 (#1 SMP PREEMPT …)`, or the simulated board.
    public var system: String
    /// The GPIO library: `libgpiod 1.6.3`, or `none (simulated board)`.
    public var gpioLibrary: String
    /// The loop thread's real-time setup, in words (`SCHED_FIFO 80, memory locked, CPU 3`).
    public var realtime: String
    /// The clock the loopback's edges were stamped with, in words.
    public var stampClock: String

    /// A provenance from its parts.
    public init(boardName: String, boardFile: String, triggerLine: String, loopbackLine: String, measuredAt: String,
                system: String, gpioLibrary: String, realtime: String, stampClock: String) {
        self.boardName = boardName
        self.boardFile = boardFile
        self.triggerLine = triggerLine
        self.loopbackLine = loopbackLine
        self.measuredAt = measuredAt
        self.system = system
        self.gpioLibrary = gpioLibrary
        self.realtime = realtime
        self.stampClock = stampClock
    }
}
