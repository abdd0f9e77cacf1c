import ArgumentParser

/// The real-time setup of the loop's thread, shared by `qdot run` and `qdot latency`. Each step
/// that the process may not take is a warning in the output, never a failure.
struct RealtimeOptions: ParsableArguments {
    @Option(help: "SCHED_FIFO priority of the loop's thread, 1…99 (cyclictest -p). Default: ordinary scheduling.")
    var priority: Int32?

    @Flag(help: "Lock all memory with mlockall, so the loop never page-faults (cyclictest -m).")
    var lockMemory = false

    @Option(help: "Pin the loop's thread to this CPU, ideally one isolated with isolcpus= (cyclictest -a).")
    var cpu: Int?

    @Option(help: "Spin on the clock for this many µs before each deadline instead of sleeping (0: off).")
    var busyWaitUs: Int64 = 0

    @Option(help: ArgumentHelp("Hold idle CPUs' wake-up latency at most this many µs through /dev/cpu_dma_latency.",
                               discussion: "cyclictest holds 0 unless --laptop; needs write access to the device."))
    var cpuWakeLatencyUs: Int32 = 0

    @Flag(help: "Do not hold /dev/cpu_dma_latency (cyclictest --laptop).")
    var noWakeLatencyHold = false

    /// The wake-latency cap to hold, nil for none.
    var wakeLatencyCap: Int32? { noWakeLatencyHold ? nil : cpuWakeLatencyUs }

    func validate() throws {
        if let priority, !(1...99).contains(priority) {
            throw ValidationError("--priority must be a SCHED_FIFO priority 1…99, got \(priority)")
        }
        if let cpu, cpu < 0 { throw ValidationError("--cpu must be a CPU number ≥ 0, got \(cpu)") }
        if busyWaitUs < 0 { throw ValidationError("--busy-wait-us must be ≥ 0, got \(busyWaitUs)") }
        if cpuWakeLatencyUs < 0 { throw ValidationError("--cpu-wake-latency-us must be ≥ 0, got \(cpuWakeLatencyUs)") }
    }
}
