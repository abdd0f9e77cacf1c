import Boards
public import Experiments
public import Firmware
public import Records
import Reports
import Foundation
import HAL

/// An experiment run on a station, from any backend: the one function both `qdot sim` and
/// `qdot run` call with the `StationLines` they built.
public struct ExperimentRun {
    /// How to run.
    public struct Options {
        /// Write the raw click record here (nil: no record).
        public var recordPath: String?
        /// Stop at the next cycle boundary when raised (Ctrl-C, SIGTERM).
        public var stop: StopSignal?
        /// Show progress when standard error is a terminal (see `ProgressDisplay`).
        public var progress: Bool
        /// Clicks the ring holds between drains.
        public var ringCapacity: Int
        /// Drain the ring on the loop's thread between cycles (simulated board: deterministic) or
        /// on a thread of its own (a lab board, where the loop must not wait on the disk).
        public var drainOnLoopThread: Bool
        /// The board's name and (simulated board) timing profile, for the record header.
        public var boardName: String
        public var timingProfile: String?
        /// The longest a click waits in the record writer's buffer before it is written to the file
        /// (wall time; checked once per drain), so a crash loses at most this much of the record
        /// plus one drain interval. Only when bytes reach the disk changes, never the bytes.
        public var recordFlushAge: Duration
        /// The shortest wall time between two fsync calls of the record during the run (nil: only
        /// at the end). Bounds what a power loss takes on a lab board; on an SD card every fsync
        /// rewrites partly filled flash blocks and can stall for tens of milliseconds, so keep it
        /// to seconds (`qdot run` uses 5 s); the simulated board needs none.
        public var recordSyncInterval: Duration?
        /// A random number for the record header of a lab run (`RunRecordHeader.runNonce`), so two
        /// lab runs never share a run ID; nil on the simulated board, whose record must stay the
        /// same byte for byte for the same seed and files.
        public var runNonce: UInt64?
        /// Publish the counts and the loop's figures here as the run goes (`qdot serve`); made for
        /// the schedule's settings.
        public var live: LiveFigures?
        /// Cycles between two calls of the pipeline by the loop (drain, progress, publication);
        /// nil: the ring's capacity / 16, at most 4096. Only when things are seen changes, never
        /// what is counted.
        public var observerInterval: Int?

        /// Options.
        public init(recordPath: String? = nil, stop: StopSignal? = nil, progress: Bool = false,
                    ringCapacity: Int = 1 << 16, drainOnLoopThread: Bool = true, boardName: String,
                    timingProfile: String? = nil, recordFlushAge: Duration = .seconds(1),
                    recordSyncInterval: Duration? = nil, runNonce: UInt64? = nil) {
            self.recordPath = recordPath
            self.stop = stop
            self.progress = progress
            self.ringCapacity = ringCapacity
            self.drainOnLoopThread = drainOnLoopThread
            self.boardName = boardName
            self.timingProfile = timingProfile
            self.recordFlushAge = recordFlushAge
            self.recordSyncInterval = recordSyncInterval
            self.runNonce = runNonce
        }
    }

    /// The experiment.
    public var experiment: ExperimentDefinition
    /// The schedule the firmware ran.
    public var schedule: CycleSchedule
    /// The firmware's report.
    public var report: RunReport
    /// The certified figures.
    public var findings: ExperimentFindings
    /// Wall-clock seconds of the firmware run.
    public var wallSeconds: Double
    /// The record file written, if any: the `.partial` file when `recordFault` is set.
    public var recordPath: String?
    /// Why the record could not be written to its end, if it could not: the `.partial` file left
    /// holds the run up to the fault (`qdot analyze --salvage` reads it).
    public var recordFault: OutputFault?
    /// `recordFault` in words.
    public var recordError: String? { recordFault?.description }

    /// Arms a controller on `lines`, runs the experiment's schedule with the live pipeline, and
    /// analyses the clicks. The outputs are safe when it returns or throws.
    /// - Parameter scheduleOverride: run this instead of the experiment's own schedule (alignment:
    ///   its settings going round until stopped).
    public static func run(_ experiment: ExperimentDefinition, on lines: StationLines,
                           options: Options, schedule scheduleOverride: CycleSchedule? = nil) throws -> ExperimentRun {
        let schedule = try scheduleOverride ?? experiment.schedule()
        let controller = try Controller(lines: lines)
        try controller.armForRun()
        let problems = controller.scheduleProblems(schedule)
        guard problems.isEmpty else { throw ExperimentError.problems(problems) }

        var writer: RunRecordWriter?
        if let path = options.recordPath {
            do {
                writer = try RunRecordWriter(
                    path: path, header: RunRecordHeader(software: "qdot \(QdotVersion.current)", experiment: experiment,
                                                        schedule: schedule, board: options.boardName,
                                                        timingProfile: options.timingProfile, seed: experiment.seed,
                                                        runNonce: options.runNonce),
                    flushAge: options.recordFlushAge, syncInterval: options.recordSyncInterval)
            } catch {
                throw ExperimentRunError.recordNotCreated(RecordFaults.creating(path, error))
            }
        }
        let progress = options.progress
            ? ProgressDisplay(plannedCycles: schedule.totalCycles, periodSeconds: experiment.timing.triggerPeriod.seconds,
                              enabled: ProgressDisplay.standardErrorIsTerminal) : nil
        let ring = ClickEventRing(capacity: options.ringCapacity)
        let pipeline = LivePipeline(ring: ring, accumulator: ExperimentAccumulator(definition: experiment,
                                                                                  settingCount: schedule.steps.count),
                                    writer: writer, progress: progress, live: options.live,
                                    drainsOnCycle: options.drainOnLoopThread)
        let consumerDone = StopSignal(), consumerExited = StopSignal()
        if !options.drainOnLoopThread {
            Thread {
                while !consumerDone.isRaised {
                    pipeline.drain()
                    Thread.sleep(forTimeInterval: 0.001)
                }
                consumerExited.raise()
            }.start()
        }
        let interval = options.observerInterval ?? max(1, min(4096, ring.capacity / 16))
        let started = ContinuousClock.now
        let report = try controller.run(schedule, stop: options.stop, clicks: ring, observer: pipeline,
                                        observerInterval: interval)
        let elapsed = ContinuousClock.now - started
        consumerDone.raise()
        if !options.drainOnLoopThread { while !consumerExited.isRaised { Thread.sleep(forTimeInterval: 0.0005) } }
        let accumulator = pipeline.finish(triggerCycles: report.settings.map(\.counts.triggerCycles))
        progress?.finish(cycles: report.cyclesRun, coincidences: accumulator.totalCoincidences)
        let findings = ExperimentAnalysis.findings(experiment: experiment, schedule: schedule, accumulator: accumulator,
                                                   boardSeconds: report.runDuration.seconds)
        var recordFault: OutputFault?
        if let writer, let error = pipeline.writeError {
            recordFault = OutputFault(.write, "record", path: writer.partialPath, error: error)
        } else if let writer {
            do {
                try writer.finish(cyclesPerSetting: report.settings.map(\.counts.triggerCycles), complete: report.complete,
                                  boardNanoseconds: report.runDuration.nanoseconds)
            } catch {
                recordFault = OutputFault(.write, "record", path: writer.partialPath, error: error)
            }
        }
        return ExperimentRun(
            experiment: experiment, schedule: schedule, report: report, findings: findings,
            wallSeconds: elapsed.inSeconds,
            recordPath: recordFault == nil ? writer?.path : writer?.partialPath, recordFault: recordFault)
    }
}

/// Why an experiment run could not start on a station that was built and armed.
public enum ExperimentRunError: Error, CustomStringConvertible {
    /// The click record could not be created (a folder that does not exist or cannot be written,
    /// a path that is a folder, a disk that is full): an output fault, not a station's.
    case recordNotCreated(OutputFault)

    public var description: String {
        switch self {
        case let .recordNotCreated(fault): "\(fault)"
        }
    }
}

/// The record writer's creation failure as an output fault naming the file and the system's reason.
enum RecordFaults {
    /// The record at `path` could not be created: its `.partial` (or the device itself) is named.
    static func creating(_ path: String, _ error: any Error) -> OutputFault {
        if let fault = error as? OutputFault { return fault }
        guard case .file(let file) = OutputTarget.of(path) else { return OutputFault(.create, "record", path: path, error: error) }
        let partial = file + ".partial"
        if let number = OutputFault.creationProblem(at: partial) { return OutputFault(.create, "record", path: partial, errorNumber: number) }
        return OutputFault(.create, "record", path: partial, error: error)
    }
}
