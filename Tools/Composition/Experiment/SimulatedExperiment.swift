public import Boards
public import Experiments
import Physics
public import Simulator
public import HAL
public import Firmware
import Vocabulary

/// An experiment on the simulated board: builds the station from the board file and runs
/// `ExperimentRun` on its lines.
public enum SimulatedExperiment {
    /// The problems that keep `experiment` from running on `definition`'s board with its (or the
    /// overriding) timing profile: the schedule's basis codes, and a trigger period shorter than
    /// the profile can serve.
    public static func problems(_ experiment: ExperimentDefinition, board definition: BoardDefinition,
                                profileOverride: TimingProfile? = nil) -> [String] {
        var problems: [String] = []
        let profile = SimulatedStationBuilder.timingProfile(of: definition, override: profileOverride)
        if let problem = experiment.timing.profileProblem(on: profile) { problems.append(problem) }
        problems += ExperimentBoardFit.problems(experiment, board: definition, profile: profile)
        for arm in AnalyzerArm.allCases {
            let lines = definition.basisLines(of: arm).count
            for (code, basis) in experiment.analyzer.bases(of: arm).enumerated() where code >= 1 << lines {
                problems.append("analyzer.\(arm.rawValue) code \(code) (\(basis.name)) needs more than the board's \(lines) "
                    + "basis-select lines of arm \(arm.rawValue.uppercased())")
            }
        }
        // Building the schedule finds the bases the experiment needs that its analyzer table lacks.
        do { _ = try experiment.schedule() } catch { problems.append("\(error)") }
        return problems
    }

    /// Everything that keeps `experiment` from running on the simulated `definition` board with
    /// `source` hanging off it: the board and profile fit, the click pulses, the station's analyzer
    /// table and the firmware's own schedule check. `run` refuses exactly these, and `qdot check`
    /// reports exactly these, so check accepts what sim can run.
    public static func preflightProblems(_ experiment: ExperimentDefinition, board definition: BoardDefinition,
                                         source: SimulatedSource, profileOverride: TimingProfile? = nil) -> [String] {
        var problems = problems(experiment, board: definition, profileOverride: profileOverride)
        problems += pulseProblems(source: source, board: definition, profileOverride: profileOverride)
        if case let .physics(station) = source { problems += analyzerMismatches(experiment, station: station) }
        problems += ExperimentBoardFit.scheduleProblems(experiment, board: definition).filter { !problems.contains($0) }
        return problems
    }

    /// Codes whose analyzer basis the experiment and the station file disagree on: the experiment
    /// would certify one basis while the simulated analyzer measured another.
    public static func analyzerMismatches(_ experiment: ExperimentDefinition, station: StationDefinition) -> [String] {
        var problems: [String] = []
        for arm in AnalyzerArm.allCases {
            let table = arm == .a ? station.parameters.analyzerA : station.parameters.analyzerB
            for (code, wanted) in experiment.analyzer.bases(of: arm).enumerated() {
                switch table.setting(forCode: code, arm: arm.rawValue) {
                case let .success(built) where built.isSameAnalyzer(as: wanted):
                    continue
                case let .success(built):
                    problems.append("analyzer.\(arm.rawValue) code \(code): the experiment \(experiment.fileName) expects "
                        + "\(wanted), the station \(station.fileName) sets \(built)")
                case .failure:
                    problems.append("analyzer.\(arm.rawValue) code \(code) (\(wanted)) is not in the station \(station.fileName)'s table")
                }
            }
        }
        return problems
    }

    /// Detectors whose click pulses (after the board's pulse stretcher) are narrower than the
    /// shortest pulse the board's inputs see: their clicks would be lost without a trace.
    public static func pulseProblems(source: SimulatedSource, board definition: BoardDefinition,
                                     profileOverride: TimingProfile? = nil) -> [String] {
        let profile = SimulatedStationBuilder.timingProfile(of: definition, override: profileOverride)
        let shortest = profile.shortestPulse.nanoseconds * 1_000
        guard shortest > 0 else { return [] }
        let stretch = definition.clicks.pulseStretch.nanoseconds * 1_000
        var narrow: [(name: String, picoseconds: Int64)] = []
        switch source {
        case .physics(let station):
            for channel in DetectorChannel.allCases {
                let width = station.parameters.detector(channel).clickPulseWidthPicoseconds
                if max(width, stretch) < shortest { narrow.append(("\(channel.label) (\(station.fileName))", width)) }
            }
        case .standIn(let settings):
            let width = settings.clickPulseWidthNanoseconds * 1_000
            if max(width, stretch) < shortest { narrow.append(("the stand-in detectors", width)) }
        }
        guard let widest = narrow.map(\.picoseconds).max() else { return [] }
        return ["click pulses of \(ExperimentBoardFit.format(picoseconds: widest)) or less from detector(s) "
            + narrow.map(\.name).joined(separator: ", ") + " are narrower than the \(ExperimentBoardFit.format(picoseconds: shortest)) "
            + "the \(profile.name) board's inputs can see, so their clicks would be lost: put a pulse stretcher (a monostable) "
            + "on the click lines and say so in the board file ([clicks] pulse-stretch-ns = \(profile.shortestPulse.nanoseconds) or more)"]
    }

    /// Builds the simulated station (seeded by the experiment) and runs the experiment on it.
    ///
    /// - Parameters:
    ///   - tracing: record every line change; the trace is handed to `trace` after the run.
    ///   - interlockOpensAt: fault injection: the interlock opens at this board instant.
    ///   - pacedToWallClock: when given, board time is paced to the wall clock (`PacedClock`), which
    ///     is handed here before the run starts (its wall lateness is read after).
    ///   - schedule: run this instead of the experiment's own schedule (alignment).
    ///   - trace: receives the recorded trace (only when `tracing`).
    public static func run(_ experiment: ExperimentDefinition, board definition: BoardDefinition,
                           source: SimulatedSource = .standIn(.init()), profileOverride: TimingProfile? = nil,
                           tracing: Bool = false, interlockOpensAt: Instant? = nil,
                           options: ExperimentRun.Options, tagger: SimulatedTimeTagger? = nil,
                           pacedToWallClock: ((PacedClock) -> Void)? = nil, schedule: CycleSchedule? = nil,
                           trace: ((Trace) -> Void)? = nil) throws -> ExperimentRun {
        let problems = preflightProblems(experiment, board: definition, source: source, profileOverride: profileOverride)
        guard problems.isEmpty else { throw ExperimentError.problems(problems) }
        let station = try SimulatedStationBuilder(definition: definition, seed: experiment.seed, source: source,
                                                  profileOverride: profileOverride, tracing: tracing)
        if let opening = interlockOpensAt { station.openInterlock(at: opening) }
        if let tagger { try station.attach(tagger, definition: definition) }
        var options = options
        options.timingProfile = SimulatedStationBuilder.timingProfile(of: definition, override: profileOverride).name
        options.drainOnLoopThread = true   // the simulated run stays single-threaded and deterministic
        var lines = station.lines
        if let pacedToWallClock {
            let paced = PacedClock(board: lines.clock)
            lines.clock = paced
            lines.compileLoop(for: StationLineTypes<SimulatedOutputLine, SimulatedEdgeInput, PacedClock>())
            pacedToWallClock(paced)
        }
        var outcome = try ExperimentRun.run(experiment, on: lines, options: options, schedule: schedule)
        tagger?.finish()
        outcome.findings.notes += ExperimentBoardFit.warnings(experiment, board: definition, profile: profileOverride).map { "board: \($0)" }
        if tracing { trace?(station.board.trace) }
        return outcome
    }
}
