import Composition
import Experiments
import Firmware
import Foundation
import Records

/// The service's owner of the board: runs one experiment (or alignment) at a time on a thread of
/// its own — the loop's, exactly as `qdot run` runs it — writes each run's files into the data
/// folder, and samples what the run publishes 10 times a second into live frames and metrics.
///
/// The loop and the pipeline only write `LiveFigures`; everything here reads them on the
/// sampler's or a request's thread, so nothing the server does reaches the loop.
public final class RunSupervisor: BoardService, @unchecked Sendable {
    /// A run in progress.
    final class Current: @unchecked Sendable {
        var entry: APIv1.RunEntry
        let experiment: ExperimentDefinition
        let schedule: CycleSchedule
        let live: LiveFigures
        let stop = StopSignal()
        var paced: PacedClock?
        init(entry: APIv1.RunEntry, experiment: ExperimentDefinition, schedule: CycleSchedule, live: LiveFigures) {
            self.entry = entry
            self.experiment = experiment
            self.schedule = schedule
            self.live = live
        }
    }

    /// Board time between two publications of a run's figures.
    static let publicationSeconds = 0.02

    let board: any ServiceBoard
    let folder: RunFolder
    let openRead: Bool
    let lock = NSLock()
    var current: Current?
    var totals = MetricsTotals()
    var lastReading: LiveReading?
    var lastPeriodNanoseconds: Int64?
    var lastWallLateness: (p99: Int64, maximum: Int64)?
    var receivers: [@Sendable (APIv1.Frame) -> Void] = []
    let runEnded = NSCondition()
    let sampler: LiveSampler

    /// A supervisor of `board` keeping its runs in `data` (created when missing).
    /// - Throws: when the data folder cannot be made.
    public init(board: any ServiceBoard, data: String, openRead: Bool = false) throws {
        self.board = board
        self.folder = try RunFolder(data: data)
        self.openRead = openRead
        self.sampler = LiveSampler()
        sampler.start(self)
    }

    /// Stops the sampler (the run, if any, is left to `stopAndWait`).
    public func close() { sampler.stop() }

    // MARK: BoardService

    public func status() -> APIv1.Status {
        lock.lock()
        defer { lock.unlock() }
        let reading = current.flatMap { $0.live.read() } ?? lastReading
        let wall = current?.paced.flatMap(Self.wallLateness) ?? lastWallLateness
        return APIv1.Status(
            state: current.map { $0.entry.state == .stopping ? .stopping : .running } ?? .idle,
            board: board.summary, interlock: reading?.loop.interlockOpen == true ? .open : .closed,
            run: current.map { Self.refreshed($0.entry, reading: reading) },
            timing: .init(triggerPeriodNanoseconds: current?.schedule.timing.triggerPeriod.nanoseconds ?? lastPeriodNanoseconds,
                          latenessP99Nanoseconds: reading?.latenessP99Nanoseconds ?? 0,
                          latenessMaximumNanoseconds: reading?.latenessMaximumNanoseconds ?? 0,
                          overruns: reading?.loop.overruns ?? 0, missedSlots: reading?.loop.missedSlots ?? 0,
                          wallLatenessP99Nanoseconds: wall?.p99, wallLatenessMaximumNanoseconds: wall?.maximum),
            version: QdotVersion.current, openRead: openRead)
    }

    public func experiments() -> [APIv1.ExperimentSummary] { ExperimentCatalog.builtIns() }

    public func validate(experimentText: String, fileName: String) -> Result<APIv1.ExperimentSummary, ServiceRefusal> {
        ExperimentCatalog.load(.text(experimentText, fileName: fileName), problems: board.problems).flatMap { loaded in
            guard let summary = ExperimentCatalog.summary(loaded.experiment) else {
                return .failure(.invalid([ExperimentCatalog.checkError(file: fileName, message: "its schedule cannot be built")]))
            }
            return .success(summary)
        }
    }

    public func start(_ source: ExperimentSource, seed: UInt64?) throws(ServiceRefusal) -> APIv1.RunEntry {
        let (experiment, text) = try load(source, seed: seed)
        let schedule: CycleSchedule
        do { schedule = try experiment.schedule() } catch {
            throw .invalid([ExperimentCatalog.checkError(file: experiment.fileName, message: "\(error)")])
        }
        return try begin(experiment, text: text, schedule: schedule, mode: .experiment, setting: nil)
    }

    public func startAlignment(_ source: ExperimentSource, setting: String, seed: UInt64?) throws(ServiceRefusal) -> APIv1.RunEntry {
        let (experiment, text) = try load(source, seed: seed)
        let schedule = try ExperimentCatalog.alignmentSchedule(experiment, setting: setting).get()
        return try begin(experiment, text: text, schedule: schedule, mode: .alignment, setting: setting)
    }

    public func stop() throws(ServiceRefusal) -> APIv1.RunEntry {
        lock.lock()
        defer { lock.unlock() }
        guard let current else { throw .notRunning }
        current.stop.raise()
        if current.entry.state == .running { current.entry.state = .stopping }
        return Self.refreshed(current.entry, reading: current.live.read())
    }

    public func runs() -> [APIv1.RunEntry] {
        lock.lock()
        let running = current.map { Self.refreshed($0.entry, reading: $0.live.read()) }
        lock.unlock()
        return folder.all().map { $0.id == running?.id ? running! : $0 }
    }

    public func run(id: String) -> APIv1.RunEntry? {
        lock.lock()
        if let current, current.entry.id == id {
            defer { lock.unlock() }
            return Self.refreshed(current.entry, reading: current.live.read())
        }
        lock.unlock()
        return folder.entry(id)
    }

    public func path(of file: RunFile, run id: String) -> String? { folder.path(of: file, run: id) }

    public func metrics() -> MetricsSnapshot {
        lock.lock()
        defer { lock.unlock() }
        var total = totals
        var reading = lastReading
        if let current, let live = current.live.read() {
            total = totals.adding(live, labels: current.schedule.steps.map(\.label))
            reading = live
        }
        return total.snapshot(state: current.map { $0.entry.state == .stopping ? .stopping : .running } ?? .idle,
                              interlockOpen: reading?.loop.interlockOpen ?? false)
    }

    public func onFrame(_ receive: @escaping @Sendable (APIv1.Frame) -> Void) {
        lock.lock()
        receivers.append(receive)
        lock.unlock()
    }

    /// Asks the run in progress (if any) to stop and waits until its files are written
    /// (SIGTERM: stop at a cycle boundary, outputs safe, result written, then exit).
    public func stopAndWait() {
        _ = try? stop()
        runEnded.lock()
        while isRunning { runEnded.wait() }
        runEnded.unlock()
    }

    /// Whether a run is in progress (the shutdown path polls it while the run writes its files).
    public var isRunning: Bool {
        lock.lock()
        defer { lock.unlock() }
        return current != nil
    }

    // MARK: Runs

    func load(_ source: ExperimentSource, seed: UInt64?) throws(ServiceRefusal) -> (ExperimentDefinition, String) {
        var (experiment, text) = try ExperimentCatalog.load(source, problems: board.problems).get()
        if let seed { experiment.seed = seed }
        return (experiment, text)
    }

    /// Makes the run's folder and entry and starts its thread; 409 when a run is in progress.
    func begin(_ experiment: ExperimentDefinition, text: String, schedule: CycleSchedule, mode: APIv1.RunMode,
               setting: String?) throws(ServiceRefusal) -> APIv1.RunEntry {
        lock.lock()
        defer { lock.unlock() }
        if let current { throw .busy(Self.refreshed(current.entry, reading: current.live.read())) }
        let started = Date()
        let id: String
        do {
            id = try folder.create(experimentName: experiment.name, at: started)
            try AtomicFile.write(Data(text.utf8), to: folder.file(RunFolder.experimentName, of: id))
        } catch {
            throw .unavailable("the data folder cannot be written: \(error)")
        }
        let entry = APIv1.RunEntry(
            id: id, experiment: experiment.name, kind: experiment.kind.name, mode: mode, setting: setting, seed: experiment.seed,
            state: .running, startedAt: Self.timestamp(started), endedAt: nil,
            plannedCycles: mode == .alignment ? nil : schedule.totalCycles, cyclesRun: 0, outcome: nil, faults: [],
            figures: [], hasResult: false, hasRecord: false)
        do { try folder.save(entry) } catch { throw .unavailable("the data folder cannot be written: \(error)") }
        let run = Current(entry: entry, experiment: experiment, schedule: schedule,
                          live: LiveFigures(settingCount: schedule.steps.count))
        current = run
        sampler.runStarted(run)
        let thread = Thread { [self] in execute(run) }
        thread.name = "qdot loop"
        thread.stackSize = 8 << 20
        thread.start()
        return entry
    }

    /// The run's thread: runs it, writes its files and entry, adds its counts to the totals.
    func execute(_ run: Current) {
        let id = run.entry.id
        var options = ExperimentRun.Options(stop: run.stop, boardName: board.summary.name)
        options.live = run.live
        // Publish every 20 ms of board time (at most every 4096 cycles, the CLI's interval): fresh
        // figures for 10 frames a second, and short drains on a simulated loop's thread. Only when
        // counts are seen changes, never what is counted.
        let cycles = (Self.publicationSeconds / run.schedule.timing.triggerPeriod.seconds).rounded()
        options.observerInterval = cycles.isFinite ? Int(min(4096, max(1, cycles))) : 4096   // clamped before converting
        if run.entry.mode == .experiment { options.recordPath = folder.file(RunFolder.recordName, of: id) }
        var entry = run.entry
        var final: (outcome: ExperimentRun, reading: LiveReading?)?
        do {
            let outcome = try board.run(run.experiment, schedule: run.schedule, options: options) { [self] paced in
                lock.lock()
                run.paced = paced
                lock.unlock()
            }
            final = (outcome, run.live.read())
            entry = finished(entry, outcome: outcome)
        } catch {
            entry.state = .failed
            entry.outcome = "failed: \(error)"
            entry.faults = ["\(error)"]
        }
        entry.endedAt = Self.timestamp(Date())
        run.paced?.publish()
        let wall = run.paced.flatMap(Self.wallLateness)
        entry.wallLatenessP99Nanoseconds = wall?.p99
        entry.wallLatenessMaximumNanoseconds = wall?.maximum
        if (try? folder.save(entry)) == nil { entry.faults.append("run.json could not be written in \(folder.folder(of: id))") }
        lock.lock()
        if let final {
            totals.cycles += final.outcome.report.cyclesRun
            if let reading = final.reading { totals.addLoop(of: reading) }
            for setting in final.outcome.findings.settings {
                totals.add(.init(singles: setting.counts.singles, coincidences: setting.counts.coincidences), to: setting.label)
            }
            lastReading = final.reading
        }
        totals.runsEnded[Self.outcomeLabel(entry), default: 0] += 1
        lastPeriodNanoseconds = run.schedule.timing.triggerPeriod.nanoseconds
        lastWallLateness = wall
        current = nil
        lock.unlock()
        runEnded.lock()
        runEnded.broadcast()
        runEnded.unlock()
    }

    /// The entry of a run that returned: its files written, its outcome in words.
    func finished(_ started: APIv1.RunEntry, outcome: ExperimentRun) -> APIv1.RunEntry {
        var entry = started
        let report = outcome.report
        entry.cyclesRun = report.cyclesRun
        var document = ExperimentOutputs.document(outcome, base: board.document(for: outcome))
        document.recordFile = outcome.recordPath.map { ($0 as NSString).lastPathComponent }
        do {
            let figures = try ExperimentOutputs.write(document, of: outcome, to: folder.file(RunFolder.resultName, of: entry.id))
            entry.figures = figures.map(\.name)
            entry.hasResult = true
        } catch {
            entry.faults.append("\(error)")
        }
        entry.faults += document.faults ?? []
        entry.hasRecord = outcome.recordPath != nil
        if let reason = report.stopReason {
            switch reason {
            case .stopRequested:
                entry.state = .stopped
                entry.outcome = entry.mode == .alignment ? "stopped (alignment)" : "stopped early"
            case .interlockOpened:
                entry.state = .stopped
                entry.outcome = "interlock opened"
            case let .hardwareFault(fault):
                entry.state = .failed
                entry.outcome = "fault: \(fault)"
            }
        } else {
            entry.state = .completed
            entry.outcome = report.clicksLost ? "clicks lost" : "completed"
        }
        return entry
    }

    /// `completed`, `stopped`, `interlock`, `fault` or `failed`, for `qdot_runs_total{outcome}`.
    static func outcomeLabel(_ entry: APIv1.RunEntry) -> String {
        switch entry.outcome ?? "" {
        case "completed", "clicks lost": "completed"
        case "interlock opened": "interlock"
        case let words where words.hasPrefix("stopped"): "stopped"
        case let words where words.hasPrefix("fault"): "fault"
        default: "failed"
        }
    }

    /// `entry` with the cycles run so far.
    static func refreshed(_ entry: APIv1.RunEntry, reading: LiveReading?) -> APIv1.RunEntry {
        var entry = entry
        if let reading { entry.cyclesRun = reading.loop.cycles }
        return entry
    }

    static func wallLateness(_ paced: PacedClock) -> (p99: Int64, maximum: Int64)? {
        guard let slots = paced.published.read(), slots[2] > 0 else { return nil }
        return (Int64(bitPattern: slots[0]), Int64(bitPattern: slots[1]))
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
