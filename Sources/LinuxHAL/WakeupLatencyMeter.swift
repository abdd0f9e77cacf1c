import Glibc
public import HAL

/// Measures the loop's wake-up latency on this machine, the way cyclictest does.
///
/// A dedicated thread (with the asked-for SCHED_FIFO priority, memory lock and CPU) sleeps to
/// absolute deadlines one `period` apart on `LinuxClock` and records, per cycle, how late it woke
/// (wake − deadline). Deadlines advance from the previous deadline, as in the firmware's loop; a
/// wake-up more than a period late skips the missed deadlines and counts them as overruns.
public enum WakeupLatencyMeter {
    /// Runs the measurement for `duration` and returns its report. Blocks the caller meanwhile.
    ///
    /// - Parameters:
    ///   - period: time between deadlines (cyclictest `-i`, default 1000 µs there).
    ///   - duration: how long to measure; `duration / period` samples.
    ///   - priority: SCHED_FIFO priority of the measuring thread (cyclictest `-p`), nil for none.
    ///   - cpu: CPU to pin the thread to (cyclictest `-a`), nil for none.
    ///   - lockMemory: mlockall before measuring (cyclictest `-m`).
    ///   - busyWaitTail: the clock's busy-wait tail (zero: plain sleeps, comparable to cyclictest).
    ///   - maximumCPUWakeLatencyMicroseconds: PM QoS cap held during the run (cyclictest holds 0
    ///     unless `--laptop`); nil for none.
    public static func measure(period: TimeSpan, duration: TimeSpan, priority: Int32? = nil, cpu: Int? = nil,
                               lockMemory: Bool = false, busyWaitTail: TimeSpan = .zero,
                               maximumCPUWakeLatencyMicroseconds: Int32? = nil) -> WakeupLatencyReport {
        let run = Run(period: max(period, .microseconds(1)), duration: max(duration, .zero), priority: priority,
                      cpu: cpu, lockMemory: lockMemory, busyWaitTail: busyWaitTail,
                      maximumCPUWakeLatencyMicroseconds: maximumCPUWakeLatencyMicroseconds)
        let context = Unmanaged.passRetained(run).toOpaque()
        var thread = pthread_t()
        let created = pthread_create(&thread, nil, { context in
            let run = Unmanaged<Run>.fromOpaque(context!).takeRetainedValue()
            run.measure()
            return nil
        }, context)
        if created != 0 {
            // No thread: measure on the caller's (its scheduling is changed only if asked).
            let run = Unmanaged<Run>.fromOpaque(context).takeRetainedValue()
            run.measure()
            return run.report(extraWarning: "could not start a measuring thread (error \(created)); measured on the caller's")
        }
        pthread_join(thread, nil)
        return run.report(extraWarning: nil)
    }

    /// One measurement's state, owned by the measuring thread until it is joined.
    private final class Run: @unchecked Sendable {
        let period: TimeSpan, duration: TimeSpan, priority: Int32?, cpu: Int?, lockMemory: Bool, busyWaitTail: TimeSpan
        let maximumCPUWakeLatencyMicroseconds: Int32?
        var latencies: [Int64] = []
        var overruns = 0
        var realtime = RealtimeReport()

        init(period: TimeSpan, duration: TimeSpan, priority: Int32?, cpu: Int?, lockMemory: Bool, busyWaitTail: TimeSpan,
             maximumCPUWakeLatencyMicroseconds: Int32?) {
            self.maximumCPUWakeLatencyMicroseconds = maximumCPUWakeLatencyMicroseconds
            self.period = period
            self.duration = duration
            self.priority = priority
            self.cpu = cpu
            self.lockMemory = lockMemory
            self.busyWaitTail = busyWaitTail
        }

        func measure() {
            let cycles = Int(duration.nanoseconds / period.nanoseconds)
            latencies = Array(repeating: 0, count: cycles) // allocated (and touched) before locking
            realtime = RealtimeSetup.apply(priority: priority, lockMemory: lockMemory, cpu: cpu,
                                           maximumCPUWakeLatencyMicroseconds: maximumCPUWakeLatencyMicroseconds)
            let clock = LinuxClock(busyWaitTail: busyWaitTail)
            var deadline = clock.now + period
            var recorded = 0
            latencies.withUnsafeMutableBufferPointer { samples in
                while recorded < cycles {
                    let woke = clock.sleep(until: deadline)
                    samples[recorded] = (woke - deadline).nanoseconds
                    recorded += 1
                    deadline = deadline + period
                    while deadline <= woke {
                        deadline = deadline + period
                        overruns += 1
                    }
                }
            }
        }

        func report(extraWarning: String?) -> WakeupLatencyReport {
            var realtime = realtime
            realtime.cpuWakeLatencyHold = nil // the run is over: lift the cap
            if let extraWarning { realtime.warnings.append(extraWarning) }
            return WakeupLatencyReport(period: period, sortedLatencyNanoseconds: latencies.sorted(),
                                       overruns: overruns, realtime: realtime)
        }
    }
}
