import Glibc

/// Real-time setup of the calling thread: SCHED_FIFO, locked memory, CPU affinity.
///
/// Each step is optional and reported in a `RealtimeReport`. A step the process may not take
/// (no CAP_SYS_NICE or RLIMIT_RTPRIO for SCHED_FIFO, no CAP_IPC_LOCK or RLIMIT_MEMLOCK for
/// mlockall, a CPU outside the allowed set) is a warning in the report, never a failure: the
/// loop still runs, with its measured latency telling the cost.
public enum RealtimeSetup {
    /// Applies the steps asked for to the calling thread (scheduling and affinity are per thread
    /// on Linux; the memory lock is per process).
    ///
    /// - Parameters:
    ///   - priority: SCHED_FIFO priority (1…99; cyclictest's default is 80), nil to leave scheduling.
    ///   - lockMemory: whether to `mlockall(MCL_CURRENT | MCL_FUTURE)`.
    ///   - cpu: the CPU to pin to (ideally one in the kernel's isolcpus= set), nil to leave affinity.
    ///   - maximumCPUWakeLatencyMicroseconds: cap on idle CPUs' wake-up latency (0 as cyclictest
    ///     does), held through `/dev/cpu_dma_latency` for as long as the report is kept; nil for none.
    public static func apply(priority: Int32? = nil, lockMemory: Bool = false, cpu: Int? = nil,
                             maximumCPUWakeLatencyMicroseconds: Int32? = nil) -> RealtimeReport {
        var report = RealtimeReport()
        if let maximumCPUWakeLatencyMicroseconds {
            let (hold, failure) = CPUWakeLatencyHold.hold(maximumMicroseconds: maximumCPUWakeLatencyMicroseconds)
            report.cpuWakeLatencyHold = hold
            report.cpuWakeLatencyCapMicroseconds = hold?.maximumMicroseconds
            if let failure { report.warnings.append(failure + ": idle CPUs may wake late (needs root or write access)") }
        }
        if let priority {
            let lowest = sched_get_priority_min(SCHED_FIFO), highest = sched_get_priority_max(SCHED_FIFO)
            if priority < lowest || priority > highest {
                report.warnings.append("SCHED_FIFO priority \(priority) is outside \(lowest)…\(highest); scheduling left as is")
            } else {
                var parameters = sched_param(sched_priority: priority)
                if pthread_setschedparam(pthread_self(), SCHED_FIFO, &parameters) == 0 {
                    report.fifoPriority = priority
                } else {
                    report.warnings.append("SCHED_FIFO priority \(priority) refused: the process lacks CAP_SYS_NICE "
                        + "or an RLIMIT_RTPRIO of at least \(priority) (LimitRTPRIO= in the systemd unit)")
                }
            }
        }
        if lockMemory {
            if mlockall(MCL_CURRENT | MCL_FUTURE) == 0 {
                report.memoryLocked = true
            } else {
                let reason = String(cString: strerror(errno))
                report.warnings.append("mlockall failed (\(reason)): the process lacks CAP_IPC_LOCK or a large "
                    + "enough RLIMIT_MEMLOCK (LimitMEMLOCK=infinity in the systemd unit)")
            }
        }
        if let cpu {
            let available = Int(sysconf(Int32(_SC_NPROCESSORS_CONF)))
            if cpu < 0 || cpu >= available || cpu >= MemoryLayout<cpu_set_t>.size * 8 {
                report.warnings.append("CPU \(cpu) does not exist (this machine has CPUs 0…\(available - 1)); affinity left as is")
            } else {
                var set = cpu_set_t()
                withUnsafeMutableBytes(of: &set) { bytes in bytes[cpu / 8] |= UInt8(1) << UInt8(cpu % 8) }
                if setAffinity(&set) == 0 {
                    report.pinnedCPU = cpu
                    report.pinnedCPUIsIsolated = isolatedCPUs().contains(cpu)
                    if report.pinnedCPUIsIsolated == false {
                        report.warnings.append("CPU \(cpu) is not isolated (add isolcpus=\(cpu) to the kernel command "
                            + "line for the lowest latency)")
                    }
                } else {
                    report.warnings.append("pinning to CPU \(cpu) refused (\(String(cString: strerror(errno)))): "
                        + "the CPU is outside this process's allowed set (cgroup cpuset or taskset)")
                }
            }
        }
        return report
    }

    /// Keeps the calling thread — and every thread it creates afterwards — off `cpu`, so the
    /// loop pinned there (`apply(cpu:)`) has it to itself: what `isolcpus=` does for the rest of
    /// the system, done for the process's own other threads (`qdot serve`'s server). Returns why
    /// not, or nil when done.
    public static func keepOff(cpu: Int) -> String? {
        let available = Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        guard available > 1 else { return "only one CPU: the server's threads share it with the loop" }
        guard cpu >= 0, cpu < available, cpu < MemoryLayout<cpu_set_t>.size * 8 else {
            return "CPU \(cpu) does not exist (this machine has CPUs 0…\(available - 1))"
        }
        var set = cpu_set_t()
        withUnsafeMutableBytes(of: &set) { bytes in
            for other in 0..<available where other != cpu { bytes[other / 8] |= UInt8(1) << UInt8(other % 8) }
        }
        guard setAffinity(&set) == 0 else { return "keeping off CPU \(cpu) refused (\(String(cString: strerror(errno))))" }
        return nil
    }

    /// `sched_setaffinity(0, …)` for the calling thread. Glibc declares it only under _GNU_SOURCE,
    /// which Swift's Glibc module is not built with, so the symbol is looked up at run time.
    private static func setAffinity(_ set: inout cpu_set_t) -> Int32 {
        typealias SchedSetAffinity = @convention(c) (pid_t, Int, UnsafePointer<cpu_set_t>) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "sched_setaffinity") else {
            errno = ENOSYS
            return -1
        }
        return unsafeBitCast(symbol, to: SchedSetAffinity.self)(0, MemoryLayout<cpu_set_t>.size, &set)
    }

    /// The CPUs in the kernel's isolated set, from /sys/devices/system/cpu/isolated ("1,3-4").
    public static func isolatedCPUs() -> Set<Int> {
        guard let file = fopen("/sys/devices/system/cpu/isolated", "r") else { return [] }
        defer { fclose(file) }
        var buffer = [CChar](repeating: 0, count: 256)
        guard fgets(&buffer, Int32(buffer.count), file) != nil else { return [] }
        let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return parseCPUList(text)
    }

    /// The CPUs of a kernel CPU list such as "1,3-4" (empty for an empty or malformed list).
    public static func parseCPUList(_ text: String) -> Set<Int> {
        var cpus = Set<Int>()
        for part in text.split(whereSeparator: { $0 == "," || $0 == "\n" || $0 == " " }) {
            let bounds = part.split(separator: "-").compactMap { Int($0) }
            if bounds.count == 1 { cpus.insert(bounds[0]) }
            else if bounds.count == 2, bounds[0] <= bounds[1] { cpus.formUnion(bounds[0]...bounds[1]) }
        }
        return cpus
    }
}
