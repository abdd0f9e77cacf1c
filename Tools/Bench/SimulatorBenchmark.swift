import Boards
import Composition
import Firmware
import Foundation
import MallocInterposerSwift
import Simulator

/// Firmware cycles simulated per wall-clock second and heap allocations per steady-state cycle,
/// on the built-in simulated station: ideal profile, with the stand-in source (four click
/// channels at probability 0.1) and with the physics station of `simulated.station.toml`.
enum SimulatorBenchmark {
    static func run() {
        do {
            for source in [SimulatedSource.standIn(standInSettings), try SimulatedSource.builtInPhysics] {
                try run(source)
            }
        } catch {
            print("  failed: \(error)")
        }
    }

    /// One run of `cycles` (default 200 000) on one source and nothing else, so a profiler or an
    /// instruction counter (`valgrind --tool=callgrind`) sees the cycle loop with little around it.
    static func runOnce(arguments: [String]) -> Int32 {
        let cycles = arguments.count > 1 ? Int(arguments[1]) ?? 0 : 200_000
        guard cycles > 0, arguments.count <= 2, ["stand-in", "physics"].contains(arguments.first ?? "stand-in") else {
            print("usage: qdot-bench simulator-once [stand-in|physics] [cycles]")
            return 2
        }
        do {
            let source = arguments.first == "physics" ? try SimulatedSource.builtInPhysics : .standIn(standInSettings)
            let run = try measure(source, cycles: cycles)
            print("\(cycles) cycles: \(format(run.cyclesPerCPUSecond / 1e6)) M per CPU second")
            return 0
        } catch {
            print("failed: \(error)")
            return 1
        }
    }

    static var standInSettings: StandInStation.Settings {
        var settings = StandInStation.Settings()
        settings.clickProbabilities = [0.1, 0.1, 0.1, 0.1]
        return settings
    }

    static func run(_ source: SimulatedSource) throws {
        let what = if case .standIn = source { "stand-in source, 4 channels, p = 0.1" } else { "physics station, simulated.station.toml" }
        print("== simulator: the firmware cycle on the simulated board (ideal profile, \(what))")
        do {
            _ = try measure(source, cycles: 100_000)   // warm up
            var runs: [Measurement] = []
            for _ in 0..<3 { runs.append(try measure(source, cycles: 2_000_000)) }
            let cpu = runs.map(\.cyclesPerCPUSecond).sorted()
            let wall = runs.map(\.cyclesPerSecond).sorted()
            print("  cycles per CPU second    median \(format(cpu[1] / 1e6)) M  (runs: \(cpu.map { format($0 / 1e6) }.joined(separator: ", ")) M; one core, this thread's CPU time)")
            print("  cycles per wall second   median \(format(wall[1] / 1e6)) M  (wall time: lower when the machine is shared)")
            print("  board time per CPU time  \(format(cpu[1] * CycleTiming.standard.triggerPeriod.seconds)) × real time (10 µs cycles)")
            if AllocationCounting.isActive {
                let short = try measure(source, cycles: 100_000, countAllocations: true)
                let long = try measure(source, cycles: 1_100_000, countAllocations: true)
                // A million more cycles adding no allocation (or the set-up allocating a few fewer
                // the second time) is zero per cycle, not "-0.0000".
                let perCycle = Double(max(0, long.allocations - short.allocations)) / 1_000_000
                print("  heap allocations         \(format(perCycle, 4)) per steady-state cycle "
                    + "(\(short.allocations) for a 100 000-cycle run, \(long.allocations) for 1 100 000 cycles)")
            } else {
                print("  heap allocations         not measured: \(AllocationCounting.unavailableReason)")
            }
        } catch {
            print("  failed: \(error)")
        }
    }

    struct Measurement {
        var cyclesPerSecond: Double
        var cyclesPerCPUSecond: Double
        var allocations: Int
    }


    static func measure(_ source: SimulatedSource, cycles: Int, countAllocations: Bool = false) throws -> Measurement {
        if countAllocations { MallocInterposerSwift.initialize(); MallocInterposerSwift.hook() }
        let station = try SimulatedStationBuilder(definition: try BoardDefinition.simulatedStation, seed: 1,
                                                  source: source, profileOverride: .ideal, tracing: false)
        let controller = try Controller(lines: station.lines)
        controller.arm()
        let schedule = CycleSchedule.plainTwoSettings(cycles: cycles)
        let start = ContinuousClock.now
        let cpuStart = CPUTime.thread()
        let report = try controller.run(schedule)
        let cpuSeconds = CPUTime.thread() - cpuStart
        let elapsed = ContinuousClock.now - start
        if countAllocations { MallocInterposerSwift.unhook() }
        let seconds = elapsed.inSeconds
        precondition(report.cyclesRun == cycles, "benchmark run incomplete: \(report.stopReason?.description ?? "")")
        return Measurement(cyclesPerSecond: Double(cycles) / seconds, cyclesPerCPUSecond: Double(cycles) / cpuSeconds,
                           allocations: countAllocations ? MallocInterposerSwift.getStatistics().mallocCount : 0)
    }

    static func format(_ value: Double, _ decimals: Int = 2) -> String { String(format: "%.\(decimals)f", value) }
}

/// The malloc interposer only counts when its library is preloaded; the benchmark re-executes
/// itself with `LD_PRELOAD` set when the library sits next to the executable.
enum AllocationCounting {
    static let marker = "QDOT_BENCH_PRELOADED"

    static var isActive: Bool { ProcessInfo.processInfo.environment[marker] == "1" }

    static var unavailableReason: String {
        "run the release build from its build folder so libMallocInterposerSwift.so can be preloaded"
    }

    /// Re-executes this process with the interposer preloaded, if it can; returns if it cannot.
    static func preloadIfPossible() {
        guard !isActive else { return }
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        let library = executable.deletingLastPathComponent().appendingPathComponent("libMallocInterposerSwift.so").path
        guard FileManager.default.fileExists(atPath: library) else { return }
        setenv("LD_PRELOAD", library, 1)
        setenv(marker, "1", 1)
        var argv: [UnsafeMutablePointer<CChar>?] = CommandLine.arguments.map { strdup($0) }
        argv.append(nil)
        execv(executable.path, argv)
    }
}
