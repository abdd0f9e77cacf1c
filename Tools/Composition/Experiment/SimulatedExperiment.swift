public import Boards
public import Simulator

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
        do {
            let schedule = try experiment.schedule()
            let codeLimitA = 1 << definition.basisLines(of: .a).count, codeLimitB = 1 << definition.basisLines(of: .b).count
            for (index, name) in experiment.analyzer.armA.enumerated() where index >= codeLimitA {
                problems.append("analyzer.a code \(index) (\(name)) needs more than the board's \(definition.basisLines(of: .a).count) basis-select lines of arm A")
            }
            for (index, name) in experiment.analyzer.armB.enumerated() where index >= codeLimitB {
                problems.append("analyzer.b code \(index) (\(name)) needs more than the board's \(definition.basisLines(of: .b).count) basis-select lines of arm B")
            }
            _ = schedule
        } catch {
            problems.append("\(error)")
        }
        return problems
    }

    /// Builds the simulated station (seeded by the experiment) and runs the experiment on it.
    public static func run(_ experiment: ExperimentDefinition, board definition: BoardDefinition,
                           settings: StandInStation.Settings = .init(), profileOverride: TimingProfile? = nil,
                           options: ExperimentRun.Options) throws -> ExperimentRun {
        let problems = problems(experiment, board: definition, profileOverride: profileOverride)
        guard problems.isEmpty else { throw ExperimentError.problems(problems) }
        let station = try SimulatedStationBuilder(definition: definition, seed: experiment.seed, settings: settings,
                                                  profileOverride: profileOverride, tracing: false)
        var options = options
        options.timingProfile = station.board.profile.name
        options.drainOnLoopThread = true   // the simulated run stays single-threaded and deterministic
        return try ExperimentRun.run(experiment, on: station.lines, options: options)
    }
}
