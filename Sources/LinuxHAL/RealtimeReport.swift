/// What `RealtimeSetup.apply` achieved: each step asked for, whether it took, and why not.
public struct RealtimeReport: Sendable, CustomStringConvertible {
    /// The SCHED_FIFO priority now in force for the calling thread, nil when not set.
    public var fifoPriority: Int32?
    /// Whether all current and future memory is locked (no page faults in the loop).
    public var memoryLocked: Bool
    /// The CPU the calling thread is pinned to, nil when not pinned.
    public var pinnedCPU: Int?
    /// Whether `pinnedCPU` is in the kernel's isolated set (isolcpus=), nil when not pinned.
    public var pinnedCPUIsIsolated: Bool?
    /// The CPU wake-up latency cap that was put in force, µs, nil when none.
    public var cpuWakeLatencyCapMicroseconds: Int32?
    /// The hold keeping that cap while this report (or a copy) lives; nil once released.
    public var cpuWakeLatencyHold: CPUWakeLatencyHold?
    /// One line per step that was asked for and did not take (missing capability, bad value).
    public var warnings: [String]

    /// A report of what was achieved.
    public init(fifoPriority: Int32? = nil, memoryLocked: Bool = false, pinnedCPU: Int? = nil,
                pinnedCPUIsIsolated: Bool? = nil, warnings: [String] = []) {
        self.fifoPriority = fifoPriority
        self.memoryLocked = memoryLocked
        self.pinnedCPU = pinnedCPU
        self.pinnedCPUIsIsolated = pinnedCPUIsIsolated
        self.warnings = warnings
    }

    public var description: String {
        var lines = [
            "scheduling: " + (fifoPriority.map { "SCHED_FIFO priority \($0)" } ?? "default (SCHED_OTHER)"),
            "memory: " + (memoryLocked ? "locked (mlockall)" : "not locked"),
            "cpu wake-up latency: " + (cpuWakeLatencyCapMicroseconds.map { "capped at \($0) µs (/dev/cpu_dma_latency)" }
                                        ?? "not capped"),
            "cpu: " + (pinnedCPU.map { "pinned to \($0)" + (pinnedCPUIsIsolated == true ? " (isolated)" : " (not isolated)") }
                       ?? "not pinned"),
        ]
        lines += warnings.map { "warning: \($0)" }
        return lines.joined(separator: "\n")
    }
}
