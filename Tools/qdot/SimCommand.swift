import ArgumentParser
import Boards
import Composition
import Firmware
import Foundation
import HAL
import Records
import Reports
import Simulator

/// `qdot sim`: the firmware on the simulated board.
struct SimCommand: ParsableCommand, DrivesTheStation {
    static let configuration = CommandConfiguration(
        commandName: "sim",
        abstract: "Run the firmware on the cycle-accurate simulated board.",
        discussion: """
            With --experiment FILE (or a built-in example's name, see `qdot experiments`) it runs that \
            experiment and prints its certified figures; with no flags at all it runs the built-in \
            bell-chsh experiment. Ctrl-C or SIGTERM stops at the next cycle (experiment or plain run), \
            drives the outputs safe and writes what was gathered, marked incomplete (exit 4).

            The simulated station is built from a board file (the built-in simulated station unless
            --board is given) with the physics model hanging off its lines, from a station file (the \
            built-in simulated.station.toml unless --station is given; --source stand-in uses the \
            foundation's stand-in source instead). With --cycles or --duration and no experiment it \
            runs the trigger cycle over two basis settings for --cycles cycles (or --duration seconds of \
            board time) and prints a summary: cycles, board and wall time, speed versus real time, \
            singles and coincidences per detector, wake-up lateness and overruns. The full result \
            goes to a JSON file. A seed fixes the run bit for bit.
            """)

    @Option(help: ArgumentHelp("Board file (TOML subset, see Board/README.md), or a built-in board: \(BoardDefinition.builtInNames.joined(separator: ", ")). Default: the built-in simulated station.",
                               valueName: "FILE|NAME"))
    var board: String?

    /// What the result says the board came from: the file, or the built-in board's own name.
    func boardFile(_ definition: BoardDefinition) -> String {
        guard let board else { return "(built in) simulated.board.toml" }
        return FileManager.default.fileExists(atPath: board) ? board : definition.fileName
    }

    @OptionGroup var plan: RunPlanOptions
    var experiment: String? { plan.experiment }
    var seed: UInt64? { plan.seed }

    @Option(help: "Station file: laser, quantum dot, optics, detectors and basis tables (see Board/simulated.station.toml). Default: the built-in one.")
    var station: String?

    @Option(help: "What hangs off the lines: physics (the station file's model) or stand-in (fixed click probabilities).")
    var source: ResultDocument.Station.Source = .physics

    @Option(parsing: .unconditional, help: "Click probability per detector per pulse of the stand-in source (--source stand-in).")
    var clickProbability: Double = 0.1

    @Option(help: ArgumentHelp("Timing profile instead of the board file's: \(TimingProfile.builtInNames.joined(separator: ", ")), or a .profile.toml file.",
                               valueName: "NAME|FILE"))
    var profile: String?

    /// --profile, read (a built-in profile or a profile file), every mistake printed.
    func timingProfileOverride() throws -> TimingProfile? {
        guard let profile else { return nil }
        do { return try TimingProfile.resolve(profile) } catch {
            throw nothingRun(error, file: "the timing profile \(profile)")
        }
    }

    @Option(parsing: .unconditional, help: ArgumentHelp("Fault injection: open the interlock at this board time, in seconds.",
                               discussion: "The trigger must stop within that cycle and every output go safe; the result is written and marked incomplete."))
    var interlockOpensAt: Double?

    @Option(help: "Write the JSON result here.")
    var output: String = "qdot-result.json"

    @Option(help: "Write every line change as a VCD file (open it in GTKWave).")
    var vcd: String?

    @Option(help: ArgumentHelp("Write what a time tagger wired to the station would record, as a PicoQuant PTU T2 file (experiments only).",
                               discussion: "Sync input on the trigger, detectors A+, A−, B+, B− on inputs 1–4, every click at its picosecond time. Re-analyse it with `qdot analyze RECORD --tags FILE.ptu`."))
    var tags: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("The simulated tagger's bin, in picoseconds (with --tags).",
                               discussion: "Default: the board's [clicks] tagger-resolution-ps when it names a tagger, else 1 (a HydraHarp 400)."))
    var tagResolutionPs: Int64?

    /// --interlock-opens-at as a board instant.
    var interlockOpening: Instant? { interlockOpensAt.map { Instant(nanoseconds: Int64(($0 * 1e9).rounded())) } }

    func validate() throws {
        try OptionBounds.check("--click-probability", clickProbability, in: 0...1)
        try OptionBounds.check("--interlock-opens-at", interlockOpensAt, in: 0...Double(RunLimits.longestRunSeconds), unit: "s")
        try OptionBounds.check("--tag-resolution-ps", tagResolutionPs, in: 1...1_000_000, unit: "ps")
        if tagResolutionPs != nil && tags == nil { throw ValidationError("--tag-resolution-ps applies to --tags only") }
        if tags != nil && source == .standIn { throw ValidationError("--tags needs the physics station (--source physics): the stand-in has no detectors to wire") }
        if source == .standIn && station != nil {
            throw ValidationError("--station applies to --source physics only")
        }
    }

    func run() throws {
        if experiment != nil || (plan.cycles == nil && plan.duration == nil) {
            try runExperiment()
            return
        }
        let seed = self.seed ?? 1
        let definition = try BoardLoading.load(board)
        let timing = CycleTiming.standard
        let cycleCount = plan.plainCycleCount(periodSeconds: timing.triggerPeriod.seconds)
        let (simulatedSource, stationInfo) = try simulatedSource()
        let request = SimulationRun.Request(
            board: definition, seed: seed, schedule: CycleSchedule.plainTwoSettings(cycles: cycleCount, timing: timing),
            source: simulatedSource, profileOverride: try timingProfileOverride(), tracing: vcd != nil,
            interlockOpensAt: interlockOpening)
        let stop = StopSignal()
        let signals = try StopOnSignals.start(stop, command: "qdot sim")
        defer { withExtendedLifetime(signals) {} }
        let outcome: SimulationRun
        do {
            outcome = try SimulationRun.run(request, stop: stop)
        } catch {
            printError("qdot sim: \(error)")
            // Station data that does not fit the board or the schedule is a file mistake, like a bad board file.
            if case StationBuildError.stationData = error { throw QdotExit.badInputFile.code }
            if error is SimulationRunError { throw QdotExit.badInputFile.code }
            throw QdotExit.stationUnavailable.code
        }
        let wall = ResultDocument.WallClock(seconds: outcome.wallSeconds, report: outcome.report)
        var document = ResultDocument(
            kind: .simulation,
            board: .init(name: definition.name, file: boardFile(definition), backend: .simulated,
                         timingProfile: outcome.profile.name),
            seed: seed, schedule: request.schedule, report: outcome.report, wallClock: wall)
        document.station = stationInfo
        document.physics = outcome.physics
        print(RunSummary.text(title: "qdot sim — board \(definition.name), profile \(outcome.profile.name), seed \(seed)",
                              report: outcome.report, wall: wall))
        if let physics = outcome.physics {
            print("  station       \(stationInfo.name ?? "") (\(stationInfo.file ?? "")): \(physics.laserPulses) laser pulses, "
                + "\(physics.photonsAtDetectors) photons at the detectors")
            print("  click causes  photons \(physics.photonClicks)  dark counts \(physics.darkCountClicks)  "
                + "afterpulses \(physics.afterpulseClicks)  (A+, A-, B+, B-)")
        }
        try OutputFiles.write(document.jsonData(), to: output, what: "result")
        print("  result        \(output)")
        if let vcd, let trace = outcome.trace { try writeVCD(trace, to: vcd) }
        if !outcome.report.complete { throw QdotExit.stoppedEarly.code }
        if outcome.report.clicksLost { throw QdotExit.dataLost.code }
    }

    /// Writes the trace as VCD and says where.
    func writeVCD(_ trace: Trace, to path: String) throws {
        try OutputFiles.write(Data(trace.vcd(date: Date().description, version: "qdot \(QdotVersion.current)").utf8),
                              to: path, what: "VCD trace")
        print("  trace         \(path) (\(trace.records.count) line changes)")
    }

    /// What hangs off the simulated lines, from --source, --station and --click-probability.
    func simulatedSource() throws -> (SimulatedSource, ResultDocument.Station) {
        if source == .standIn {
            var settings = StandInStation.Settings()
            settings.clickProbabilities = Array(repeating: clickProbability, count: 4)
            return (.standIn(settings), ResultDocument.Station(source: source, name: nil, file: nil))
        }
        let stationDefinition = try StationLoading.load(station)
        return (.physics(stationDefinition), StationLoading.resultStation(stationDefinition, path: station))
    }
}
