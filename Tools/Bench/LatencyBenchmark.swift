import HAL
import LinuxHAL

/// `qdot-bench latency`: the loop's wake-up latency on this machine, to set beside cyclictest's.
///
/// Options (cyclictest's in brackets): `--period-us N` [-i, 1000], `--duration-s N` [-D, 10],
/// `--priority N` [-p, none], `--cpu N` [-a, none], `--lock-memory` [-m], `--busy-wait-us N`,
/// `--laptop` [--laptop: do not hold /dev/cpu_dma_latency at 0, which both do by default].
/// Compare with `cyclictest -m -p PRIO -i PERIOD -D DURATION -h 1000 -q` at the same settings.
enum LatencyBenchmark {
    /// Parses `arguments` (after the benchmark's name), measures, prints the report.
    static func run(arguments: [String]) -> Int32 {
        var periodMicroseconds: Int64 = 1000, durationSeconds: Int64 = 10, busyWaitMicroseconds: Int64 = 0
        var priority: Int32?, cpu: Int?, lockMemory = false, wakeLatencyCap: Int32? = 0
        var rest = arguments[...]
        while let option = rest.popFirst() {
            func number() -> Int64? { rest.popFirst().flatMap { Int64($0) } }
            switch option {
            case "--period-us": guard let value = number(), value > 0 else { return usage("--period-us needs a positive integer") }
                periodMicroseconds = value
            case "--duration-s": guard let value = number(), value > 0 else { return usage("--duration-s needs a positive integer") }
                durationSeconds = value
            case "--priority": guard let value = number() else { return usage("--priority needs an integer 1…99") }
                priority = Int32(clamping: value)
            case "--cpu": guard let value = number() else { return usage("--cpu needs a CPU number") }
                cpu = Int(value)
            case "--busy-wait-us": guard let value = number(), value >= 0 else { return usage("--busy-wait-us needs an integer ≥ 0") }
                busyWaitMicroseconds = value
            case "--lock-memory": lockMemory = true
            case "--laptop": wakeLatencyCap = nil
            default: return usage("unknown option \(option)")
            }
        }
        let report = WakeupLatencyMeter.measure(period: .microseconds(periodMicroseconds), duration: .seconds(durationSeconds),
                                                priority: priority, cpu: cpu, lockMemory: lockMemory,
                                                busyWaitTail: .microseconds(busyWaitMicroseconds),
                                                maximumCPUWakeLatencyMicroseconds: wakeLatencyCap)
        print(report)
        return 0
    }

    private static func usage(_ problem: String) -> Int32 {
        print("qdot-bench latency: \(problem)\n"
            + "usage: qdot-bench latency [--period-us N] [--duration-s N] [--priority N] [--cpu N] [--lock-memory] [--busy-wait-us N] [--laptop]")
        return 2
    }
}
