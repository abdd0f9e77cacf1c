public import Records

extension HardwareRunRecord {
    /// Lines for the terminal summary.
    public var summaryLines: [String] {
        var lines: [String] = []
        let api = libgpiodAPIMajor.map { " (API \($0))" } ?? ""
        let library = libgpiodVersion.map { "libgpiod \($0)\(api)" } ?? "test driver"
        let clicks = clickEventClock.map { ", clicks stamped on \($0.summaryName)" } ?? ""
        let undetectable = lostEdgesUndetectableOn ?? []
        let counted = lostEdgesExact ? "exactly (kernel sequence numbers)"
            : undetectable.isEmpty ? "as a lower bound (no sequence numbers)"
            : "as a lower bound where both edges are reported (no sequence numbers)"
        lines.append("  backend       \(library)\(clicks), lost edges counted \(counted)")
        if !undetectable.isEmpty {
            lines.append("  lost edges    not detectable on \(undetectable.joined(separator: ", ")): they report one kind "
                + "of edge and carry no sequence numbers (libgpiod 1.6), so an edge the kernel drops there goes uncounted")
        }
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
