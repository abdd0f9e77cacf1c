/// The part of a hardware result that says how the loop ran on this machine: the libgpiod it
/// used and the real-time setup its thread got (each step asked for, and why one did not take).
///
/// Stored as it is, the result's `hardware` object (format v1): the keys are `CodingKeys`. Keys
/// added after v1's first files are optional and absent when not set (`clickEventClock`,
/// `lostEdgesUndetectableOn`), so older results read and write back unchanged.
public struct HardwareRunRecord: Codable, Sendable, Equatable {
    enum CodingKeys: String, CodingKey {
        case libgpiodVersion, libgpiodAPIMajor, lostEdgesExact, fifoPriority, memoryLocked, pinnedCPU, pinnedCPUIsIsolated,
             cpuWakeLatencyCapMicroseconds, busyWaitTailNanoseconds, warnings, clickEventClock, lostEdgesUndetectableOn
    }

    /// The clock the kernel stamped click edges with; the raw values are the on-disk spelling
    /// (libgpiod 2.x's names, those of LinuxHAL's `EdgeEventClock`).
    public enum EventClock: String, Codable, Sendable, Hashable, CaseIterable {
        /// CLOCK_MONOTONIC, stamped in the GPIO interrupt handler.
        case monotonic
        /// CLOCK_REALTIME (qdot refuses it; listed so a file that says it still reads).
        case realtime
        /// The chip's hardware timestamping engine.
        case hte
    }

    /// The libgpiod loaded at run time (for example `1.6.3`), nil with a test driver.
    public var libgpiodVersion: String?
    /// The libgpiod API this build speaks (1 or 2), nil with a test driver.
    public var libgpiodAPIMajor: Int?
    /// Whether lost edges are counted exactly (kernel sequence numbers, libgpiod 2.x) or not
    /// (libgpiod 1.6: a lower bound on lines reporting both edges, nothing at all on the lines of
    /// `lostEdgesUndetectableOn`).
    public var lostEdgesExact: Bool
    /// The SCHED_FIFO priority the loop ran at, nil for the default scheduler.
    public var fifoPriority: Int32?
    /// Whether all memory was locked.
    public var memoryLocked: Bool
    /// The CPU the loop was pinned to, nil when not pinned.
    public var pinnedCPU: Int?
    /// Whether that CPU is in the kernel's isolated set.
    public var pinnedCPUIsIsolated: Bool?
    /// The idle-CPU wake-up latency cap held during the run, µs, nil when none.
    public var cpuWakeLatencyCapMicroseconds: Int32?
    /// The clock's busy-wait tail before each deadline, ns (0: plain sleeps).
    public var busyWaitTailNanoseconds: Int64
    /// Each real-time step asked for that did not take, and why.
    public var warnings: [String]
    /// The clock the kernel stamped the click lines' edges with; nil in results written before
    /// qdot recorded it (they were CLOCK_MONOTONIC: qdot requested no other).
    public var clickEventClock: EventClock?
    /// The input lines, by role as the board file names them (`click-a-plus`, …), whose lost edges
    /// could not be detected: on libgpiod 1.6, which numbers no edges, a line reporting one kind of
    /// edge (the click lines: rising only) has no alternation to check, so the report's
    /// `lostEdges` cannot include its losses. Nil when every line's losses were detected (libgpiod
    /// 2.x), and in results written before qdot requested single-edge lines.
    public var lostEdgesUndetectableOn: [String]?

    /// A record from its parts.
    public init(libgpiodVersion: String?, libgpiodAPIMajor: Int?, lostEdgesExact: Bool, fifoPriority: Int32?,
                memoryLocked: Bool, pinnedCPU: Int?, pinnedCPUIsIsolated: Bool?, cpuWakeLatencyCapMicroseconds: Int32?,
                busyWaitTailNanoseconds: Int64, warnings: [String], clickEventClock: EventClock? = nil,
                lostEdgesUndetectableOn: [String]? = nil) {
        self.libgpiodVersion = libgpiodVersion
        self.libgpiodAPIMajor = libgpiodAPIMajor
        self.lostEdgesExact = lostEdgesExact
        self.fifoPriority = fifoPriority
        self.memoryLocked = memoryLocked
        self.pinnedCPU = pinnedCPU
        self.pinnedCPUIsIsolated = pinnedCPUIsIsolated
        self.cpuWakeLatencyCapMicroseconds = cpuWakeLatencyCapMicroseconds
        self.busyWaitTailNanoseconds = busyWaitTailNanoseconds
        self.warnings = warnings
        self.clickEventClock = clickEventClock
        self.lostEdgesUndetectableOn = lostEdgesUndetectableOn
    }
}
