public import Boards
public import Composition
public import Experiments
public import Firmware
public import Records
public import LinuxHAL
public import HAL

/// The board a service owns, on its backend: what checks an experiment against it, runs it, and
/// starts the result document — the same calls `qdot sim` and `qdot run` make.
public protocol ServiceBoard: AnyObject, Sendable {
    /// The board as the status shows it.
    var summary: APIv1.Status.Board { get }
    /// Everything that keeps `experiment` from running on this board (what `qdot check` reports).
    func problems(_ experiment: ExperimentDefinition) -> [String]
    /// Runs `experiment` with `schedule` on the calling thread (the loop's); `paced` receives the
    /// wall-clock pacer when the board is paced.
    func run(_ experiment: ExperimentDefinition, schedule: CycleSchedule, options: ExperimentRun.Options,
             paced: @escaping (PacedClock) -> Void) throws -> ExperimentRun
    /// The result document of `outcome` without the experiment's parts (`ExperimentOutputs` adds them).
    func document(for outcome: ExperimentRun) -> ResultDocument
}

/// The simulated board, optionally paced to the wall clock.
public final class SimulatedServiceBoard: ServiceBoard, @unchecked Sendable {
    let definition: BoardDefinition
    let boardFile: String
    let source: SimulatedSource
    let station: ResultDocument.Station
    let profileOverride: TimingProfile?
    /// Board time paced to the wall clock (`--pace real-time`).
    public let pacedToWallClock: Bool
    /// SCHED_FIFO priority and CPU for the loop's thread of a paced run, as a lab board's loop
    /// gets them (`qdot serve --priority --cpu`); nil leaves the thread as it is.
    public let loopPriority: Int32?
    public let loopCPU: Int?
    /// How long before each wall deadline a paced loop stops sleeping and spins (`--busy-wait-us`).
    public let busyWaitTailNanoseconds: Int64

    /// The simulated `definition` (read from `boardFile`) with `source` on its lines.
    public init(definition: BoardDefinition, boardFile: String, source: SimulatedSource, station: ResultDocument.Station,
                profileOverride: TimingProfile? = nil, pacedToWallClock: Bool, loopPriority: Int32? = nil, loopCPU: Int? = nil,
                busyWaitTailNanoseconds: Int64 = 0) {
        self.definition = definition
        self.boardFile = boardFile
        self.source = source
        self.station = station
        self.profileOverride = profileOverride
        self.pacedToWallClock = pacedToWallClock
        self.loopPriority = loopPriority
        self.loopCPU = loopCPU
        self.busyWaitTailNanoseconds = busyWaitTailNanoseconds
    }

    var timingProfile: String { SimulatedStationBuilder.timingProfile(of: definition, override: profileOverride).name }

    public var summary: APIv1.Status.Board {
        .init(name: definition.name, backend: "simulated", timingProfile: timingProfile, pace: pacedToWallClock ? "real-time" : "fast")
    }

    public func problems(_ experiment: ExperimentDefinition) -> [String] {
        SimulatedExperiment.preflightProblems(experiment, board: definition, source: source, profileOverride: profileOverride)
    }

    public func run(_ experiment: ExperimentDefinition, schedule: CycleSchedule, options: ExperimentRun.Options,
                    paced: @escaping (PacedClock) -> Void) throws -> ExperimentRun {
        // Only a paced loop has a wall clock to keep up with; an unpaced one just runs.
        var setupWarnings: [String] = []
        if pacedToWallClock, loopPriority != nil || loopCPU != nil {
            setupWarnings = RealtimeSetup.apply(priority: loopPriority, cpu: loopCPU).warnings
        }
        var outcome = try SimulatedExperiment.run(experiment, board: definition, source: source, profileOverride: profileOverride,
                                                  options: options, pacedToWallClock: pacedToWallClock ? { [busyWaitTailNanoseconds] clock in
                                                    clock.busyWaitTailNanoseconds = busyWaitTailNanoseconds
                                                    paced(clock)
                                                  } : nil, schedule: schedule)
        outcome.findings.notes += setupWarnings.map { "loop thread: \($0)" }
        return outcome
    }

    public func document(for outcome: ExperimentRun) -> ResultDocument {
        var document = ResultDocument(
            kind: .simulation,
            board: .init(name: definition.name, file: boardFile, backend: .simulated, timingProfile: timingProfile),
            seed: outcome.experiment.seed, schedule: outcome.schedule, report: outcome.report,
            wallClock: .init(seconds: outcome.wallSeconds, report: outcome.report))
        document.station = station
        return document
    }
}

/// A lab board on libgpiod, with the real-time setup of `request`.
public final class LinuxServiceBoard: ServiceBoard, @unchecked Sendable {
    let request: HardwareRun.Request
    let boardFile: String
    let driver: LibgpiodDriver
    private var lastRecord: HardwareRunRecord?

    /// The lab board of `request.board` (read from `boardFile`), its lines through `driver`.
    public init(request: HardwareRun.Request, boardFile: String, driver: LibgpiodDriver) {
        self.request = request
        self.boardFile = boardFile
        self.driver = driver
    }

    public var summary: APIv1.Status.Board {
        .init(name: request.board.name, backend: "linux", timingProfile: nil, pace: nil)
    }

    public func problems(_ experiment: ExperimentDefinition) -> [String] {
        ExperimentBoardFit.preflightProblems(experiment, board: request.board)
    }

    public func run(_ experiment: ExperimentDefinition, schedule: CycleSchedule, options: ExperimentRun.Options,
                    paced: @escaping (PacedClock) -> Void) throws -> ExperimentRun {
        var request = request
        request.schedule = schedule
        var options = options
        options.drainOnLoopThread = false   // the loop must not wait on the disk
        options.recordSyncInterval = .seconds(5)
        options.runNonce = UInt64.random(in: .min ... .max)
        let run = try HardwareRun.runExperiment(experiment, request: request, driver: driver, options: options)
        lastRecord = run.record
        return run.outcome
    }

    public func document(for outcome: ExperimentRun) -> ResultDocument {
        ResultDocument(kind: .hardware, board: .init(name: request.board.name, file: boardFile, backend: .linux, timingProfile: nil),
                       seed: outcome.experiment.seed, schedule: outcome.schedule, report: outcome.report,
                       wallClock: .init(seconds: outcome.wallSeconds, report: outcome.report), hardware: lastRecord)
    }
}
