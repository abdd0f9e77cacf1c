import ArgumentParser
import Boards
import Composition
import Firmware
import Foundation
import HAL
import Simulator

/// `qdot sim`: the firmware on the simulated board.
struct SimCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sim",
        abstract: "Run the firmware on the cycle-accurate simulated board.",
        discussion: """
            With --experiment FILE (or a built-in example's name, see `qdot experiments`) it runs that
            experiment and prints its certified figures; with no flags at all it runs the built-in
            bell-chsh experiment. Ctrl-C or SIGTERM stops at the next cycle, drives the outputs safe
            and writes what was gathered, marked incomplete.

            With --cycles or --duration and no experiment it builds the simulated station from a board
            file (the built-in simulated station unless --board is given), runs the trigger cycle for --cycles cycles (or --duration seconds of
            board time) and prints a summary: cycles, board and wall time, speed versus real time,
            singles and coincidences per detector, wake-up lateness and overruns. The full result
            goes to a JSON file. A seed fixes the run bit for bit.
            """)

    @Option(help: "Board file (TOML subset, see Board/README.md). Default: the built-in simulated station.")
    var board: String?

    @Option(help: "Experiment file (Experiments/README.md) or a built-in example's name.")
    var experiment: String?

    @Option(help: "Write the raw click record here (experiments only).")
    var record: String = "qdot-run.qdotrec"

    @Flag(help: "Do not write the click record.")
    var noRecord = false

    @Option(help: "Seed of every random draw; the same seed reproduces the run bit for bit (an experiment's own seed otherwise).")
    var seed: UInt64?

    @Option(help: "Trigger cycles to run (split over two basis settings).")
    var cycles: Int?

    @Option(help: "Board time to run, in seconds (instead of --cycles).")
    var duration: Double?

    @Option(help: "Click probability per detector per pulse of the stand-in source.")
    var clickProbability: Double = 0.1

    @Option(help: "Timing profile instead of the board file's: \(TimingProfile.all.map(\.name).joined(separator: ", ")).")
    var profile: String?

    @Option(help: ArgumentHelp("Fault injection: open the interlock at this board time, in seconds.",
                               discussion: "The trigger must stop within that cycle and every output go safe; the result is written and marked incomplete."))
    var interlockOpensAt: Double?

    @Option(help: "Write the JSON result here.")
    var output: String = "qdot-result.json"

    @Option(help: "Write every line change as a VCD file (open it in GTKWave).")
    var vcd: String?

    func validate() throws {
        if let cycles, cycles <= 0 { throw ValidationError("--cycles must be positive, got \(cycles)") }
        if let duration, !(duration > 0) { throw ValidationError("--duration must be a positive number of seconds, got \(duration)") }
        if cycles != nil && duration != nil { throw ValidationError("give --cycles or --duration, not both") }
        if experiment != nil && (cycles != nil || duration != nil) {
            throw ValidationError("--cycles and --duration are for runs without --experiment; an experiment file sets its own cycles")
        }
        if !(0...1).contains(clickProbability) {
            throw ValidationError("--click-probability must be in [0, 1], got \(clickProbability)")
        }
        if let interlockOpensAt, !(interlockOpensAt >= 0) {
            throw ValidationError("--interlock-opens-at must be a time in seconds ≥ 0, got \(interlockOpensAt)")
        }
        if let profile, TimingProfile.named(profile) == nil {
            throw ValidationError("unknown --profile \"\(profile)\"; known: \(TimingProfile.all.map(\.name).joined(separator: ", "))")
        }
    }

    func run() throws {
        if experiment != nil || (cycles == nil && duration == nil) {
            try runExperiment()
            return
        }
        let seed = self.seed ?? 1
        let definition = try BoardLoading.load(board)
        let timing = CycleTiming.standard
        let cycleCount = cycles ?? duration.map { Int(($0 / timing.triggerPeriod.seconds).rounded()) } ?? 1_000_000
        var settings = StandInStation.Settings()
        settings.clickProbabilities = Array(repeating: clickProbability, count: 4)
        let request = SimulationRun.Request(
            board: definition, seed: seed, schedule: SimulationRun.defaultSchedule(cycles: cycleCount, timing: timing),
            settings: settings, profileOverride: profile.flatMap(TimingProfile.named), tracing: vcd != nil,
            interlockOpensAt: interlockOpensAt.map { Instant(nanoseconds: Int64(($0 * 1e9).rounded())) })
        let outcome: SimulationRun
        do {
            outcome = try SimulationRun.run(request)
        } catch {
            printError("qdot sim: \(error)")
            throw ExitCode(3)
        }
        let wall = ResultDocument.WallClock(seconds: outcome.wallSeconds, speedVersusRealTime: outcome.speedVersusRealTime,
                                            cyclesPerSecond: outcome.cyclesPerWallSecond)
        let document = ResultDocument(
            kind: "simulation",
            board: .init(name: definition.name, file: board ?? "(built in) simulated.board.toml", backend: "simulated",
                         timingProfile: outcome.profile.name),
            seed: seed, schedule: request.schedule, report: outcome.report, wallClock: wall)
        print(RunSummary.text(title: "qdot sim — board \(definition.name), profile \(outcome.profile.name), seed \(seed)",
                              report: outcome.report, wall: wall))
        try OutputFiles.write(document.jsonData(), to: output, what: "result")
        print("  result        \(output)")
        if let vcd, let trace = outcome.trace {
            try OutputFiles.write(Data(trace.vcd(date: Date().description, version: "qdot \(QdotVersion.current)").utf8),
                                  to: vcd, what: "VCD trace")
            print("  trace         \(vcd) (\(trace.records.count) line changes)")
        }
        if !outcome.report.complete { throw ExitCode(4) }
    }
}
