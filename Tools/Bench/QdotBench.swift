import ArgumentParser
import HAL
import LinuxHAL

/// `qdot-bench`: speed and memory figures, printed with units, one subcommand per section. Run
/// the release build (`swift run -c release qdot-bench SECTION`). Where a figure has a baseline
/// measured in the same run (the plain C loops), its ratio to that baseline is printed beside it.
/// Wake-up latency is `qdot latency`.
struct QdotBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qdot-bench",
        abstract: "qdot's speed and memory figures, with units; run the release build.",
        discussion: """
            Without a section: simulator, physics, analysis, experiments and ptu, one after the other. \
            Figures are per CPU second of one core unless a section says otherwise; where a plain C loop \
            runs over the same data in the same run, the ratio to it is printed. Wake-up latency is \
            `qdot latency`.
            """,
        subcommands: [All.self, Simulator.self, LinuxLoop.self, SimulatorOnce.self, Physics.self, Analysis.self, Experiments.self, PTU.self,
                      PTUFiles.self, Record.self, RecordAnalyse.self, Config.self, ServePublish.self, KeyDistillation.self,
                      GPIOWrite.self, EdgeClock.self],
        defaultSubcommand: All.self)

    /// Ends the command with a section's exit status.
    static func exit(with status: Int32) throws {
        if status != 0 { throw ExitCode(status) }
    }

    struct All: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Simulator, physics, analysis, experiments and ptu, one after the other (what qdot-bench alone runs).")

        func run() {
            AllocationCounting.preloadIfPossible()
            SimulatorBenchmark.run()
            PhysicsBenchmark.run()
            AnalysisBenchmark.run()
            ExperimentBenchmark.run()
            PTUBenchmark.run()
        }
    }

    struct Simulator: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Firmware cycles per CPU second on the simulated board, and heap allocations per cycle.",
            discussion: "Re-runs itself with the allocation counter (libMallocInterposerSwift.so beside the binary) preloaded.")

        func run() {
            AllocationCounting.preloadIfPossible()
            SimulatorBenchmark.run()
        }
    }

    struct LinuxLoop: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "linux-loop",
            abstract: "The firmware cycle on the Linux backend (libgpiod requests over a driver that answers at once): heap allocations per steady-state cycle.",
            discussion: "Re-runs itself with the allocation counter preloaded, as simulator does.")

        func run() {
            AllocationCounting.preloadIfPossible()
            LinuxLoopBenchmark.run()
        }
    }

    struct SimulatorOnce: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "simulator-once",
            abstract: "One simulated run and nothing else, for perf or callgrind.")

        @Argument(help: ArgumentHelp("The source: stand-in or physics.", valueName: "stand-in|physics"))
        var source = "stand-in"

        @Argument(help: "Cycles to run.")
        var cycles = 200_000

        func run() throws {
            try QdotBench.exit(with: SimulatorBenchmark.runOnce(arguments: [source, String(cycles)]))
        }
    }

    struct Physics: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Pulses per CPU second of the physics source model (its sampling of the dot's cascade).")

        func run() { PhysicsBenchmark.run() }
    }

    struct Analysis: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Coincidence counting (one-shot and streaming) against plain C loops, and the time of one MLE tomography.",
            discussion: """
                Coincidences: 10⁸ Poisson tags on two channels, ±1 ns window, in chunks of 2×2²⁰; \
                CoincidenceCounter.countPairs against the C two-pointer loop and StreamingCoincidenceCounter \
                against the C chunked loop, over the same tags, million tags per CPU second and the ratio. \
                MLE: milliseconds per 16-setting maximum-likelihood reconstruction, and its iterations.
                """)

        func run() { AnalysisBenchmark.run() }
    }

    struct Experiments: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "bell-chsh and bbm92 end to end with recording, as multiples of real time.")

        func run() { ExperimentBenchmark.run() }
    }

    struct PTU: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ptu",
            abstract: "PTU T2 read + decode, and read + decode + match to cycles, M records/s, against plain C loops.")

        func run() { PTUBenchmark.run() }
    }

    struct PTUFiles: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ptu-files",
            abstract: "Writes PTU files and their expected contents, for Tools/ci/ptu-interop.sh (no figure).")

        @Argument(help: "The folder to write them in.")
        var folder: String

        func run() throws { try QdotBench.exit(with: PTUInteropFiles.run(arguments: [folder])) }
    }

    struct Record: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "qdot analyze's time and peak RSS on BBM92 records, each analysis in a fresh process.")

        @Argument(help: "Record lengths in cycles (default 10⁶ and 10⁷).")
        var cycles: [Int] = []

        func run() throws { try QdotBench.exit(with: RecordBenchmark.run(arguments: cycles.map(String.init))) }
    }

    struct RecordAnalyse: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "record-analyse",
            abstract: "The child process of `record`: one analysis of one record.",
            shouldDisplay: false)

        @Argument var path: String
        @Argument var mode: String
        @Argument var fileBytes: Int

        func run() throws {
            try QdotBench.exit(with: RecordBenchmark.analyseOnce(arguments: [path, mode, String(fileBytes)]))
        }
    }

    struct Config: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "qdot check's file reading on generated files of many sections and many keys: CPU s and MB/s.")

        @Argument(help: "The largest file, in MB (also a half and a quarter of it).")
        var megabytes = 20

        func run() throws { try QdotBench.exit(with: ConfigBenchmark.run(arguments: [String(megabytes)])) }
    }

    struct ServePublish: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "serve-publish",
            abstract: "What publishing for qdot serve costs the loop: cycles per CPU second and allocations.",
            discussion: "Re-runs itself with the allocation counter preloaded, as simulator does.")

        func run() throws {
            AllocationCounting.preloadIfPossible()
            try QdotBench.exit(with: PublicationBenchmark.run(arguments: []))
        }
    }

    struct KeyDistillation: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "key-distillation",
            abstract: "Cascade and Toeplitz hashing on 10⁶-bit blocks at QBER 2 %: Mbit/s per core and efficiency f.")

        @Argument(help: "Cascade passes.")
        var passes = 4

        @Argument(help: "Seeds (at least 2).")
        var seeds = 7

        @Argument(help: ArgumentHelp("Cascade's block schedule.", valueName: "doubling|option7"))
        var schedule = "doubling"

        func validate() throws {
            guard ["doubling", "option7"].contains(schedule) else { throw ValidationError("the schedule is doubling or option7") }
        }

        func run() throws {
            try QdotBench.exit(with: KeyDistillationBenchmark.run(arguments: [String(passes), String(seeds), schedule]))
        }
    }

    struct GPIOWrite: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "gpio-write",
            abstract: "Time per output-line write through qdot's Linux backend (LinuxOutputLine.set), for the gpio-sim lane.")

        @Option(help: ArgumentHelp("The chip, by label.", valueName: "label"))
        var chip: String

        @Option(help: ArgumentHelp("The line, by name.", valueName: "name"))
        var line: String

        @Option(help: "Timed writes per round.")
        var writes = 20_000

        @Option(help: "Rounds.")
        var rounds = 5

        func validate() throws {
            guard writes > 0 else { throw ValidationError("--writes needs a positive integer") }
            guard rounds > 0 else { throw ValidationError("--rounds needs a positive integer") }
        }

        func run() throws {
            try QdotBench.exit(with: GPIOWriteBenchmark.run(chipLabel: chip, lineName: line, writesPerRound: writes, rounds: rounds))
        }
    }

    struct EdgeClock: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "edge-clock",
            abstract: "Whether an edge event clock is granted on a line through qdot's Linux backend, and which edges come.",
            discussion: "Exit status: 0 granted (and every awaited edge came, stamped on CLOCK_MONOTONIC), 3 refused, 1 otherwise.")

        @Option(help: ArgumentHelp("The chip, by label.", valueName: "label"))
        var chip: String

        @Option(help: ArgumentHelp("The line, by name.", valueName: "name"))
        var line: String

        @Option(help: ArgumentHelp("The event clock.", valueName: "monotonic|realtime|hte"))
        var clock: String

        @Option(help: ArgumentHelp("The edges the line is requested for.", valueName: "rising|falling|both"))
        var edgeDetection = "both"

        @Option(help: "Edges to wait for and check.")
        var edges = 0

        @Option(help: "How long to wait for them, in milliseconds.")
        var timeoutMs: Int64 = 5_000

        static let detections: [EdgeSelection] = [.rising, .falling, .both]

        func validate() throws {
            guard EdgeEventClock(rawValue: clock) != nil else {
                throw ValidationError("--clock takes \(EdgeEventClock.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard Self.detections.contains(where: { $0.description == edgeDetection }) else {
                throw ValidationError("--edge-detection takes rising, falling or both")
            }
            guard edges >= 0 else { throw ValidationError("--edges needs a count") }
            guard timeoutMs > 0 else { throw ValidationError("--timeout-ms needs a positive integer") }
        }

        func run() throws {
            guard let eventClock = EdgeEventClock(rawValue: clock),
                  let detection = Self.detections.first(where: { $0.description == edgeDetection }) else { return }
            try QdotBench.exit(with: EdgeClockProbe.run(chipLabel: chip, lineName: line, clock: eventClock, detection: detection,
                                                        edges: edges, timeoutMilliseconds: timeoutMs))
        }
    }
}
