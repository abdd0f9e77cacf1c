import ArgumentParser
import Boards
import Composition
import Firmware
import Foundation
import HAL
import LinuxHAL
import Records
import Reports

/// `qdot run`: the firmware on a lab board's GPIO, through libgpiod.
struct RunCommand: ParsableCommand, DrivesTheStation {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the firmware on a lab board's GPIO (libgpiod).",
        discussion: """
            Requests the board file's lines by chip label and line name (outputs of one chip \
            together; inputs for edge events, the click lines on rising edges only and the interlock \
            on both), applies the real-time setup asked for \
            to the loop's thread, arms the controller (outputs safe, interlock closed) and runs an \
            experiment (--experiment FILE or a built-in example's name, the same files as `qdot sim`) or, without \
            one, the two-setting default schedule for --cycles cycles (or --duration seconds). The summary and the JSON \
            result have the same form as `qdot sim`'s, with kind "hardware" and the real-time setup \
            the loop got. Run `qdot latency` first to see what this machine can serve.

            Ctrl-C or SIGTERM stops the run at the next cycle boundary: the outputs go to their \
            safe levels and the result is written, marked incomplete.

            Exit status: 0 complete; 2 the board file is wrong or not a Linux board; 3 the lines \
            could not be had (no such chip or line — the message lists what exists —, a line held \
            by another consumer, permission denied, libgpiod missing) or the controller did not arm \
            (interlock open); 4 the run stopped early (interlock opened, Ctrl-C, hardware fault); \
            5 an output file (result, record, figure) could not be written; 7 the run completed \
            but lost clicks (the analysis ring was full, or the kernel lost edges).

            libgpiod is loaded when the run starts (libgpiod.so.2 for a build against 1.6, \
            libgpiod.so.3 for 2.x); QDOT_LIBGPIOD names another library file to load instead.
            """)

    @Option(help: "Board file of the lab board (backend = \"linux\"); see `qdot boards`.")
    var board: String

    @OptionGroup var plan: RunPlanOptions
    var experiment: String? { plan.experiment }

    @OptionGroup var realtime: RealtimeOptions

    @Option(parsing: .unconditional, help: ArgumentHelp("Seconds to hold the lines at their safe levels after the run before releasing them.",
                               discussion: "Released lines show whatever the board's pulls make of them; holding lets a supervisor or a test harness see the safe state."))
    var holdSafe: Double = 0

    @Option(help: "Write the JSON result here.")
    var output: String = "qdot-result.json"

    func validate() throws {
        try OptionBounds.check("--hold-safe", holdSafe, in: 0...3600, unit: "s")
    }

    func run() throws {
        let definition = try BoardLoading.load(board)
        let timing = CycleTiming.standard
        let cycleCount = plan.plainCycleCount(periodSeconds: timing.triggerPeriod.seconds)
        var request = HardwareRun.Request(
            board: definition, schedule: CycleSchedule.plainTwoSettings(cycles: cycleCount, timing: timing),
            priority: realtime.priority, lockMemory: realtime.lockMemory, cpu: realtime.cpu,
            busyWaitTail: .microseconds(realtime.busyWaitUs), maximumCPUWakeLatencyMicroseconds: realtime.wakeLatencyCap)
        request.holdSafeAfterRun = .nanoseconds(Int64((holdSafe * 1e9).rounded()))

        let driver: LibgpiodDriver
        do {
            driver = try LibgpiodDriver.load(soname: ProcessInfo.processInfo.environment["QDOT_LIBGPIOD"])
        } catch {
            printError("qdot run: \(error)")
            throw QdotExit.stationUnavailable.code
        }
        let stop = StopSignal()
        if let experiment {
            try runExperiment(experiment, definition: definition, request: request, driver: driver, stop: stop)
            return
        }
        let signals = try StopOnSignals.start(stop, command: "qdot run")
        let outcome: HardwareRun
        do {
            outcome = try HardwareRun.run(request, driver: driver, stop: stop)
        } catch {
            throw Self.exit(for: error)
        }
        withExtendedLifetime(signals) {}

        let wall = ResultDocument.WallClock(seconds: outcome.wallSeconds, report: outcome.report)
        let document = ResultDocument(
            kind: .hardware, board: .init(name: definition.name, file: board, backend: .linux, timingProfile: nil),
            seed: plan.seed ?? 1, schedule: request.schedule, report: outcome.report, wallClock: wall, hardware: outcome.record)
        print(RunSummary.text(title: "qdot run — board \(definition.name) (\(board))", report: outcome.report, wall: wall))
        print(outcome.record.summaryLines.joined(separator: "\n"))
        try OutputFiles.write(document.jsonData(), to: output, what: "result")
        print("  result        \(output)")
        if !outcome.report.complete { throw QdotExit.stoppedEarly.code }
        if outcome.report.clicksLost { throw QdotExit.dataLost.code }
    }

    /// `qdot run --experiment`: the experiment on real GPIO, reported as `qdot sim` reports it.
    func runExperiment(_ pathOrName: String, definition: BoardDefinition, request: HardwareRun.Request,
                       driver: LibgpiodDriver, stop: StopSignal) throws {
        var experiment = try ExperimentLoading.load(pathOrName)
        if let seed = plan.seed { experiment.seed = seed }
        let problems = ExperimentBoardFit.preflightProblems(experiment, board: definition)
        guard problems.isEmpty else {
            for problem in problems { printError("error: \(experiment.fileName): on board \(definition.name): \(problem)") }
            printError("qdot run: \(experiment.fileName) does not fit board \(definition.name); nothing was run")
            throw QdotExit.badInputFile.code
        }
        var request = request
        request.schedule = try experiment.schedule()
        let signals = try StopOnSignals.start(stop, command: "qdot run")
        defer { withExtendedLifetime(signals) {} }
        let run: (outcome: ExperimentRun, record: HardwareRunRecord)
        do {
            run = try HardwareRun.runExperiment(
                experiment, request: request, driver: driver,
                options: ExperimentRun.Options(recordPath: plan.recordPath, stop: stop, progress: true,
                                               boardName: definition.name, recordSyncInterval: .seconds(5),
                                               runNonce: UInt64.random(in: .min ... .max)))
        } catch {
            throw Self.exit(for: error)
        }
        let document = ResultDocument(
            kind: .hardware, board: .init(name: definition.name, file: board, backend: .linux, timingProfile: nil),
            seed: experiment.seed, schedule: run.outcome.schedule, report: run.outcome.report,
            wallClock: .init(seconds: run.outcome.wallSeconds, report: run.outcome.report), hardware: run.record)
        try ExperimentReporting.report(
            run.outcome, title: "qdot run — \(experiment.name) (\(experiment.kind.name)), board \(definition.name) (\(board))",
            document: document, output: output, extraLines: run.record.summaryLines)
    }

    /// Prints why the run could not start, with a hint for a hardware error, and gives the exit
    /// status: 2 for a board that is not a Linux board (a file mistake), 5 for a record that
    /// could not be created, 3 otherwise.
    static func exit(for error: HardwareRunError) -> ExitCode {
        printError("qdot run: \(error)")
        if case .station(.wrongBackend) = error { return QdotExit.badInputFile.code }
        if case .output = error { return QdotExit.outputNotWritten.code }
        if let hint = hint(for: error.hardwareError) { printError("  \(hint)") }
        return QdotExit.stationUnavailable.code
    }

    /// What to do about a hardware error, in one line.
    static func hint(for error: HardwareError?) -> String? {
        switch error?.kind {
        case .noSuchChip?: return "check the board file's chip labels against `gpioinfo` on this machine"
        case .noSuchLine?: return "check the board file's line names against `gpioinfo` on this machine"
        case .lineBusy?: return "stop the process holding the line (gpioinfo shows its consumer), or pick another line"
        case .permissionDenied?: return "run as a member of the device's group (gpio), see docs/lab-board.md"
        case .backendUnavailable?: return "install libgpiod, see docs/lab-board.md"
        default: return nil
        }
    }
}
