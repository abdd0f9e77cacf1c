public import Records

extension HardwareRunRecord {
    /// Lines for the terminal summary.
    public var summaryLines: [String] {
        var lines: [String] = []
        let api = libgpiodAPIMajor.map { " (API \($0))" } ?? ""
        let library = libgpiodVersion.map { "libgpiod \($0)\(api)" } ?? "test driver"
        let clicks = clickEventClock.map { ", clicks stamped on \($0.summaryName)" } ?? ""
        lines.append("  backend       \(library)\(clicks), lost edges counted "
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

extension HardwareRunRecord.EventClock {
    /// The clock's name in the summary.
    var summaryName: String {
        switch self {
        case .monotonic: "CLOCK_MONOTONIC"
        case .realtime: "CLOCK_REALTIME"
        case .hte: "the hardware timestamping engine"
        }
    }
}
