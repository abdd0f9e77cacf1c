import Vocabulary
public import Boards
import Physics
public import Simulator
public import HAL

/// An experiment on the simulated board: builds the station from the board file and runs
/// `ExperimentRun` on its lines.
public enum SimulatedExperiment {
    /// The problems that keep `experiment` from running on `definition`'s board with its (or the
    /// overriding) timing profile: the schedule's basis codes, and a trigger period shorter than
    /// the profile can serve.
    public static func problems(_ experiment: ExperimentDefinition, board definition: BoardDefinition,
                                profileOverride: TimingProfile? = nil) -> [String] {
        var problems: [String] = []
        let profile = profileOverride ?? SimulatedStationBuilder.profile(for: definition.timingProfile)
        if let problem = experiment.timing.profileProblem(on: profile) { problems.append(problem) }
        let arms: [(arm: AnalyzerArm, names: [String])] = [(.a, experiment.analyzer.armA), (.b, experiment.analyzer.armB)]
        for (arm, names) in arms {
            let lines = definition.basisLines(of: arm).count
            for (code, name) in names.enumerated() where code >= 1 << lines {
                problems.append("analyzer.\(arm.rawValue) code \(code) (\(name)) needs more than the board's \(lines) "
                    + "basis-select lines of arm \(arm.rawValue.uppercased())")
            }
        }
        // Building the schedule finds the bases the experiment needs that its analyzer table lacks.
        do { _ = try experiment.schedule() } catch { problems.append("\(error)") }
        return problems
    }

    /// Codes whose analyzer setting the experiment and the station file disagree on: the
    /// experiment would certify one basis while the simulated analyzer measured another.
    public static func analyzerMismatches(_ experiment: ExperimentDefinition, station: StationDefinition) -> [String] {
        var problems: [String] = []
        let arms: [(String, [String], AnalyzerBasisTable)] = [
            ("a", experiment.analyzer.armA, station.parameters.analyzerA),
            ("b", experiment.analyzer.armB, station.parameters.analyzerB),
        ]
        for (arm, names, table) in arms {
            for (code, name) in names.enumerated() {
                let wanted = AnalyzerBasis.parse(name, field: "analyzer.\(arm)")
                let built = table.setting(forCode: code, arm: arm)
                switch (wanted, built) {
                case let (.success(wanted), .success(built)) where wanted == built:
                    continue
                case let (.success(wanted), .success(built)):
                    problems.append("analyzer.\(arm) code \(code): the experiment \(experiment.fileName) expects \(wanted), "
                        + "the station \(station.fileName) sets \(built)")
                case (.success, .failure):
                    problems.append("analyzer.\(arm) code \(code) (\(name)) is not in the station \(station.fileName)'s table")
                case let (.failure(problem), _):
                    problems.append("\(problem)")
                }
            }
        }
        return problems
    }

    /// Builds the simulated station (seeded by the experiment) and runs the experiment on it.
    ///
    /// - Parameters:
    ///   - tracing: record every line change; the trace is handed to `trace` after the run.
    ///   - interlockOpensAt: fault injection: the interlock opens at this board instant.
    ///   - trace: receives the recorded trace (only when `tracing`).
    public static func run(_ experiment: ExperimentDefinition, board definition: BoardDefinition,
                           source: SimulatedSource = .standIn(.init()), profileOverride: TimingProfile? = nil,
                           tracing: Bool = false, interlockOpensAt: Instant? = nil,
                           options: ExperimentRun.Options, trace: ((Trace) -> Void)? = nil) throws -> ExperimentRun {
        var problems = problems(experiment, board: definition, profileOverride: profileOverride)
        if case let .physics(station) = source { problems += analyzerMismatches(experiment, station: station) }
        guard problems.isEmpty else { throw ExperimentError.problems(problems) }
        let station = try SimulatedStationBuilder(definition: definition, seed: experiment.seed, source: source,
                                                  profileOverride: profileOverride, tracing: tracing)
        if let opening = interlockOpensAt { station.openInterlock(at: opening) }
        var options = options
        options.timingProfile = station.board.profile.name
        options.drainOnLoopThread = true   // the simulated run stays single-threaded and deterministic
        let outcome = try ExperimentRun.run(experiment, on: station.lines, options: options)
        if tracing { trace?(station.board.trace) }
        return outcome
    }
}
