public import Records
public import Boards
public import Firmware
public import HAL
public import Simulator
import Foundation

/// One run of the firmware on the simulated board: what to run, and what came of it.
public struct SimulationRun {
    /// What to run.
    public struct Request {
        /// The board definition (backend `simulated`).
        public var board: BoardDefinition
        /// Fixes every random draw.
        public var seed: UInt64
        /// The schedule the firmware runs.
        public var schedule: CycleSchedule
        /// What hangs off the lines: the physics station from station data, or the stand-in.
        public var source: SimulatedSource
        /// A timing profile instead of the board file's.
        public var profileOverride: TimingProfile?
        /// Record the trace (needed for VCD export; costs memory on long runs).
        public var tracing: Bool
        /// Fault injection: the interlock opens at this board instant.
        public var interlockOpensAt: Instant?

        /// A request.
        public init(board: BoardDefinition, seed: UInt64, schedule: CycleSchedule, source: SimulatedSource,
                    profileOverride: TimingProfile? = nil, tracing: Bool = false, interlockOpensAt: Instant? = nil) {
            self.board = board
            self.seed = seed
            self.schedule = schedule
            self.source = source
            self.profileOverride = profileOverride
            self.tracing = tracing
            self.interlockOpensAt = interlockOpensAt
        }
    }

    /// The firmware's report (board-time figures only).
    public var report: RunReport
    /// The trace, when it was recorded.
    public var trace: Trace?
    /// The timing profile the board paid.
    public var profile: TimingProfile
    /// What the physics station's devices counted (nil for the stand-in).
    public var physics: PhysicsCounts?
    /// Wall-clock seconds the run took on this machine.
    public var wallSeconds: Double

    /// Builds the station and runs the schedule.
    public static func run(_ request: Request, stop: StopSignal? = nil) throws -> SimulationRun {
        if case .physics(let station) = request.source {
            let problems = BasisCodeCheck.problems(schedule: request.schedule, station: station)
            guard problems.isEmpty else { throw SimulationRunError.unknownBasisCodes(problems) }
        }
        let pulses = SimulatedExperiment.pulseProblems(source: request.source, board: request.board,
                                                       profileOverride: request.profileOverride)
        guard pulses.isEmpty else { throw SimulationRunError.clicksTooShort(pulses) }
        let station = try SimulatedStationBuilder(
            definition: request.board, seed: request.seed, source: request.source,
            profileOverride: request.profileOverride, tracing: request.tracing)
        if let opening = request.interlockOpensAt { station.openInterlock(at: opening) }
        let controller = try Controller(lines: station.lines)
        try controller.armForRun()
        let started = ContinuousClock.now
        let report = try controller.run(request.schedule, stop: stop)
        let elapsed = ContinuousClock.now - started
        let seconds = elapsed.inSeconds
        return SimulationRun(report: report, trace: request.tracing ? station.board.trace : nil,
                             profile: SimulatedStationBuilder.timingProfile(of: request.board, override: request.profileOverride), physics: station.devices.physics.map(PhysicsCounts.init),
                             wallSeconds: seconds)
    }
}

/// Why a simulated run could not start.
public enum SimulationRunError: Error, CustomStringConvertible {
    /// The schedule puts basis codes on the lines that the station's tables do not know.
    case unknownBasisCodes([String])
    /// The station's click pulses are narrower than the board's inputs can see.
    case clicksTooShort([String])

    public var description: String {
        switch self {
        case let .unknownBasisCodes(problems): return problems.joined(separator: "\n")
        case let .clicksTooShort(problems): return problems.joined(separator: "\n")
        }
    }
}
