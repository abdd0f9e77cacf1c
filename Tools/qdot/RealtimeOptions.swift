import ArgumentParser

/// The real-time setup of the loop's thread, shared by `qdot run` and `qdot latency`. Each step
/// that the process may not take is a warning in the output, never a failure.
struct RealtimeOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: "SCHED_FIFO priority of the loop's thread, 1…99 (cyclictest -p). Default: ordinary scheduling.")
    var priority: Int32?

    @Flag(help: "Lock all memory with mlockall, so the loop never page-faults (cyclictest -m).")
    var lockMemory = false

    @Option(parsing: .unconditional, help: "Pin the loop's thread to this CPU, ideally one isolated with isolcpus= (cyclictest -a).")
    var cpu: Int?

    @Option(parsing: .unconditional, help: "Spin on the clock for this many µs before each deadline instead of sleeping (0: off).")
    var busyWaitUs: Int64 = 0

    @Option(parsing: .unconditional, help: ArgumentHelp("Hold idle CPUs' wake-up latency at most this many µs through /dev/cpu_dma_latency.",
                               discussion: "cyclictest holds 0 unless --laptop; needs write access to the device."))
    var cpuWakeLatencyUs: Int32 = 0

    @Flag(help: "Do not hold /dev/cpu_dma_latency (cyclictest --laptop).")
    var noWakeLatencyHold = false

    /// The wake-latency cap to hold, nil for none.
    var wakeLatencyCap: Int32? { noWakeLatencyHold ? nil : cpuWakeLatencyUs }

    func validate() throws {
        try OptionBounds.check("--priority", priority, in: 1...99)
        try OptionBounds.check("--cpu", cpu, in: 0...4_095)
        try OptionBounds.check("--busy-wait-us", busyWaitUs, in: 0...1_000_000, unit: "µs")
        try OptionBounds.check("--cpu-wake-latency-us", cpuWakeLatencyUs, in: 0...1_000_000, unit: "µs")
    }
}
