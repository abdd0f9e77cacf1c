public import HAL
public import LinuxHAL

/// The part of a hardware result that says how the loop ran on this machine: the libgpiod it
/// used and the real-time setup its thread got (each step asked for, and why one did not take).
public struct HardwareRunRecord: Codable, Sendable, Equatable {
    /// The libgpiod loaded at run time (for example `1.6.3`), nil with a test driver.
    public var libgpiodVersion: String?
    /// The libgpiod API this build speaks (1 or 2), nil with a test driver.
    public var libgpiodAPIMajor: Int?
    /// Whether lost edges are counted exactly (kernel sequence numbers, libgpiod 2.x) or as a
    /// lower bound (libgpiod 1.6).
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

    /// The record of a run: `realtime` as `RealtimeSetup.apply` reported it, the clock's tail and
    /// the driver the lines went through.
    public init(realtime: RealtimeReport, busyWaitTail: TimeSpan, driver: any GPIODriver) {
        let libgpiod = driver as? LibgpiodDriver
        libgpiodVersion = libgpiod?.libraryVersion
        libgpiodAPIMajor = libgpiod?.apiMajorVersion
        lostEdgesExact = driver.providesLineSequenceNumbers
        fifoPriority = realtime.fifoPriority
        memoryLocked = realtime.memoryLocked
        pinnedCPU = realtime.pinnedCPU
        pinnedCPUIsIsolated = realtime.pinnedCPUIsIsolated
        cpuWakeLatencyCapMicroseconds = realtime.cpuWakeLatencyCapMicroseconds
        busyWaitTailNanoseconds = busyWaitTail.nanoseconds
        warnings = realtime.warnings
    }

    /// Lines for the terminal summary.
    public var summaryLines: [String] {
        var lines: [String] = []
        let library = libgpiodVersion.map { "libgpiod \($0) (API \(libgpiodAPIMajor ?? 0))" } ?? "test driver"
        lines.append("  backend       \(library), lost edges counted "
            + (lostEdgesExact ? "exactly (kernel sequence numbers)" : "as a lower bound (no sequence numbers)"))
        var realtime = [fifoPriority.map { "SCHED_FIFO \($0)" } ?? "SCHED_OTHER",
                        memoryLocked ? "memory locked" : "memory not locked",
                        pinnedCPU.map { "CPU \($0)" + (pinnedCPUIsIsolated == true ? " (isolated)" : "") } ?? "not pinned"]
        if let cpuWakeLatencyCapMicroseconds { realtime.append("CPU wake latency ≤ \(cpuWakeLatencyCapMicroseconds) µs") }
        if busyWaitTailNanoseconds > 0 { realtime.append("busy-wait \(busyWaitTailNanoseconds / 1000) µs") }
        lines.append("  real time     " + realtime.joined(separator: ", "))
        lines += warnings.map { "  warning       \($0)" }
        return lines
    }
}
