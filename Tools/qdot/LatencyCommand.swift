import ArgumentParser
import Foundation
import HAL
import LinuxHAL
import Simulator

/// `qdot latency`: the loop's wake-up latency on this machine, measured the way cyclictest does.
struct LatencyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "latency",
        abstract: "Measure this machine's wake-up latency for the loop (cyclictest-style).",
        discussion: """
            A thread with the real-time setup asked for sleeps to absolute CLOCK_MONOTONIC \
            deadlines one period apart (clock_nanosleep, TIMER_ABSTIME) and records how late each \
            wake-up is. Prints min/avg/p50/p99/p99.9/max in µs and a 1-µs histogram. No GPIO is \
            needed: run it on a lab board before `qdot run` to see what its kernel (PREEMPT_RT or \
            not) can serve; a trigger period shorter than the p99.9 latency will miss cycles.

            Compare with cyclictest at the same settings, e.g. for the defaults with --priority 80: \
              cyclictest -m -p 80 -i 1000 -D 10 -h 1000 -q \
            (both hold /dev/cpu_dma_latency at 0 unless --no-wake-latency-hold / --laptop).

            The `raspberry-pi-4` ("realistic") timing profile of the simulated board draws wake-up \
            latencies from its minimum plus an exponential tail (its [wake-latency] section), cut \
            at its maximum (Board/profiles/raspberry-pi-4.profile.toml). Its closed-form figures are \
            printed under the measurement: where the measured p99 is far above the profile's, the \
            simulated runs are optimistic for this board.
            """)

    @Option(parsing: .unconditional, help: "Time between deadlines, µs (cyclictest -i).")
    var periodUs: Int64 = 1000

    @Option(parsing: .unconditional, help: "How long to measure, in seconds (cyclictest -D).")
    var duration: Double = 10

    @OptionGroup var realtime: RealtimeOptions

    func validate() throws {
        try OptionBounds.check("--period-us", periodUs, in: 1...1_000_000, unit: "µs")
        try OptionBounds.check("--duration", duration, in: 0...86_400, unit: "s", exclusiveLower: true)
        if Double(periodUs) * 1e-6 > duration {
            throw ValidationError("--duration \(duration) s is shorter than one period (\(periodUs) µs)")
        }
    }

    func run() throws {
        let report = WakeupLatencyMeter.measure(
            period: .microseconds(periodUs), duration: TimeSpan(nanoseconds: Int64((duration * 1e9).rounded())),
            priority: realtime.priority, cpu: realtime.cpu, lockMemory: realtime.lockMemory,
            busyWaitTail: .microseconds(realtime.busyWaitUs),
            maximumCPUWakeLatencyMicroseconds: realtime.wakeLatencyCap)
        print("qdot latency — this machine, \(Self.kernel())")
        print(report)
        let profile = ProfileWakeLatency(profile: try TimingProfile.builtIn("raspberry-pi-4") ?? .ideal)
        print("simulated \(profile.profile.name) profile (closed form, µs):")
        print("  " + profile.row.map { String(format: "%-8.1f", $0) }.joined())
        let ratio = profile.quantileMicroseconds(0.99) > 0 ? report.p99Microseconds / profile.quantileMicroseconds(0.99) : 0
        print(String(format: "  measured p99 / profile p99 = %.2f", ratio))
    }

    /// The running kernel's release and version (PREEMPT_RT shows in the version).
    static func kernel() -> String {
        var name = utsname()
        uname(&name)
        func text<T>(_ field: T) -> String {
            withUnsafeBytes(of: field) { bytes in String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self) }
        }
        return "Linux \(text(name.release)) \(text(name.version))"
    }
}
