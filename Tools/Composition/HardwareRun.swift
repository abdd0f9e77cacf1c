public import Records
public import Experiments
public import Boards
public import Firmware
public import HAL
public import LinuxHAL
import Foundation

/// One run of the firmware on real GPIO: what to run, with which real-time setup, and what came
/// of it.
public struct HardwareRun {
    /// What to run and how to set the loop's thread up.
    public struct Request {
        /// The board definition (backend `linux`).
        public var board: BoardDefinition
        /// The schedule the firmware runs.
        public var schedule: CycleSchedule
        /// SCHED_FIFO priority of the loop's thread (1…99), nil to leave scheduling as is.
        public var priority: Int32?
        /// Lock all memory (mlockall) before the loop starts.
        public var lockMemory: Bool
        /// The CPU to pin the loop's thread to (ideally an isolated one), nil to leave affinity.
        public var cpu: Int?
        /// How long before each deadline the clock spins instead of sleeping (zero: never).
        public var busyWaitTail: TimeSpan
        /// Cap on idle CPUs' wake-up latency held during the run, µs (0 as cyclictest does), nil for none.
        public var maximumCPUWakeLatencyMicroseconds: Int32?
        /// How long to keep the lines requested at their safe levels after the run before releasing
        /// them (zero: release at once). Released lines show whatever the board's pulls make of them;
        /// holding lets a supervisor or a test harness see the safe state qdot drives.
        public var holdSafeAfterRun: TimeSpan = .zero

        /// A request; by default no real-time setup at all.
        public init(board: BoardDefinition, schedule: CycleSchedule, priority: Int32? = nil, lockMemory: Bool = false,
                    cpu: Int? = nil, busyWaitTail: TimeSpan = .zero, maximumCPUWakeLatencyMicroseconds: Int32? = nil) {
            self.board = board
            self.schedule = schedule
            self.priority = priority
            self.lockMemory = lockMemory
            self.cpu = cpu
            self.busyWaitTail = busyWaitTail
            self.maximumCPUWakeLatencyMicroseconds = maximumCPUWakeLatencyMicroseconds
        }
    }

    /// The firmware's report (CLOCK_MONOTONIC times).
    public var report: RunReport
    /// What real-time setup the loop's thread got, and the backend it ran on.
    public var record: HardwareRunRecord
    /// Wall-clock seconds the run took.
    public var wallSeconds: Double

    /// Requests the board's lines, applies the real-time setup to the calling thread, arms the
    /// controller and runs the schedule until it ends, the interlock opens or `stop` is raised.
    ///
    /// Returns the report in every case where the loop started; the outputs are safe when it
    /// returns, and the lines are released (safe level first) when the station goes out of scope.
    /// - Throws: `HardwareRunError` when the lines cannot be requested or the controller does not arm.
    public static func run(_ request: Request, driver: (any GPIODriver)? = nil,
                           stop: StopSignal? = nil) throws(HardwareRunError) -> HardwareRun {
        // The existential is opened here, once: the loop below runs on `LinuxOutputLine<D>`,
        // whose writes call the concrete driver.
        if let driver { return try run(request, on: driver, stop: stop) }
        return try run(request, on: try loadLibgpiod(), stop: stop)
    }

    /// `run(_:driver:stop:)` with the driver's concrete type.
    static func run<D: GPIODriver>(_ request: Request, on driver: D,
                                   stop: StopSignal?) throws(HardwareRunError) -> HardwareRun {
        let (station, realtime) = try prepare(request, driver: driver)
        let controller: Controller
        do { controller = try Controller(lines: station.lines) } catch { throw .firmware(error) }
        do { try controller.armForRun() } catch { throw .notArmed(controller.state.description) }
        let started = ContinuousClock.now
        let report: RunReport
        do { report = try controller.run(request.schedule, stop: stop) } catch { throw .firmware(error) }
        let elapsed = ContinuousClock.now - started
        holdSafe(request, clock: station.lines.clock)
        let seconds = elapsed.inSeconds
        let record = HardwareRunRecord(realtime: realtime, busyWaitTail: request.busyWaitTail,
                                       driver: station.gpio.driver, clickEventClock: station.clickEventClock,
                                       lostEdgesUndetectableOn: station.lostEdgesUndetectableOn)
        withExtendedLifetime(realtime) {}   // the CPU wake-latency hold lasts the whole run
        return HardwareRun(report: report, record: record, wallSeconds: seconds)
    }
}

extension HardwareRun {
    /// Requests the board's lines and applies the real-time setup to the calling thread (the one
    /// that will run the loop). Keep the returned report alive for the run: it holds the CPU
    /// wake-latency cap.
    static func prepare<D: GPIODriver>(_ request: Request, driver: D) throws(HardwareRunError)
        -> (LinuxStationBuilder<D>, RealtimeReport) {
        let station: LinuxStationBuilder<D>
        do {
            station = try LinuxStationBuilder(definition: request.board, busyWaitTail: request.busyWaitTail,
                                              clickEventClock: Self.eventClock(for: request.board.clicks.timestamps),
                                              driver: driver)
        } catch {
            throw .station(error)
        }
        let realtime = RealtimeSetup.apply(priority: request.priority, lockMemory: request.lockMemory, cpu: request.cpu,
                                           maximumCPUWakeLatencyMicroseconds: request.maximumCPUWakeLatencyMicroseconds)
        return (station, realtime)
    }

    /// The real libgpiod, for a run given no driver.
    static func loadLibgpiod() throws(HardwareRunError) -> LibgpiodDriver {
        do { return try LibgpiodDriver.load() } catch { throw .station(.hardware(error)) }
    }

    /// Keeps the lines (already at their safe levels) requested for `request.holdSafeAfterRun`.
    static func holdSafe(_ request: Request, clock: any HardwareClock) {
        guard request.holdSafeAfterRun > .zero else { return }
        clock.sleep(until: clock.now + request.holdSafeAfterRun)
    }

    /// Runs an experiment on real GPIO: the same `ExperimentRun` as on the simulated board, with
    /// the click ring drained on a thread of its own so the loop never waits on the disk.
    ///
    /// - Returns: the experiment's outcome and the real-time setup the loop got.
    public static func runExperiment(_ experiment: ExperimentDefinition, request: Request, driver: (any GPIODriver)? = nil,
                                     options: ExperimentRun.Options) throws(HardwareRunError)
        -> (outcome: ExperimentRun, record: HardwareRunRecord) {
        if let driver { return try runExperiment(experiment, request: request, on: driver, options: options) }
        return try runExperiment(experiment, request: request, on: try loadLibgpiod(), options: options)
    }

    /// `runExperiment(_:request:driver:options:)` with the driver's concrete type.
    static func runExperiment<D: GPIODriver>(_ experiment: ExperimentDefinition, request: Request, on driver: D,
                                             options: ExperimentRun.Options) throws(HardwareRunError)
        -> (outcome: ExperimentRun, record: HardwareRunRecord) {
        let (station, realtime) = try prepare(request, driver: driver)
        var options = options
        options.drainOnLoopThread = false
        var outcome: ExperimentRun
        do {
            outcome = try ExperimentRun.run(experiment, on: station.lines, options: options, schedule: request.schedule)
            outcome.findings.notes += ExperimentBoardFit.warnings(experiment, board: request.board).map { "board: \($0)" }
        } catch let FirmwareError.notArmed(state) {
            throw .notArmed(state.description)
        } catch let ExperimentRunError.recordNotCreated(fault) {
            throw .output(fault)
        } catch {
            throw .experiment("\(error)")
        }
        holdSafe(request, clock: station.lines.clock)
        let record = HardwareRunRecord(realtime: realtime, busyWaitTail: request.busyWaitTail,
                                       driver: station.gpio.driver, clickEventClock: station.clickEventClock,
                                       lostEdgesUndetectableOn: station.lostEdgesUndetectableOn)
        withExtendedLifetime(realtime) {}
        return (outcome, record)
    }
}

extension HardwareRun {
    /// The event clock the click lines are requested with for the board's `[clicks] timestamps`:
    /// the hardware timestamping engine when the board has one, CLOCK_MONOTONIC otherwise (the
    /// kernel's interrupt stamps; with an external tagger the GPIO click lines, if wired, are only
    /// a cross-check and the tagger's stamps are what is certified).
    static func eventClock(for source: EdgeTimestampSource) -> EdgeEventClock {
        switch source {
        case .hardwareEngine: .hardwareTimestampEngine
        case .kernelInterrupt, .externalTagger: .monotonic
        }
    }
}

/// Why a run on real GPIO could not start.
public enum HardwareRunError: Error, CustomStringConvertible {
    /// The lines could not be requested (or the board is not a Linux board).
    case station(StationBuildError)
    /// The firmware refused the station or the schedule.
    case firmware(FirmwareError)
    /// The controller did not arm (interlock open, or a hardware fault while driving outputs safe).
    case notArmed(String)
    /// The experiment could not run (its schedule does not fit the station, the record could not
    /// be opened, the controller did not arm).
    case experiment(String)
    /// An output file (the click record) could not be created: nothing was run.
    case output(OutputFault)

    public var description: String {
        switch self {
        case let .station(error): return error.description
        case let .firmware(error): return error.description
        case let .notArmed(state): return "the controller did not arm: \(state)"
        case let .experiment(text): return text
        case let .output(fault): return "\(fault); nothing was run"
        }
    }

    /// The hardware error underneath, when there is one.
    public var hardwareError: HardwareError? {
        if case let .station(.hardware(error)) = self { return error }
        return nil
    }
}
