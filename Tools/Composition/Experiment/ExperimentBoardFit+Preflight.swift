public import Boards
public import Experiments
import Firmware

extension ExperimentBoardFit {
    /// The firmware's own schedule check (timing, codes against the board's basis-select lines,
    /// the run's board time) and the analyzer table's, as the controller makes it once armed:
    /// asked beforehand so `qdot check` refuses what `qdot sim` and `qdot run` would refuse.
    public static func scheduleProblems(_ experiment: ExperimentDefinition, board: BoardDefinition) -> [String] {
        let schedule: CycleSchedule
        do { schedule = try experiment.schedule() } catch { return ["\(error)"] }
        return schedule.problems(basisLinesA: board.basisBitCount(of: .a), basisLinesB: board.basisBitCount(of: .b))
    }

    /// Everything that keeps `experiment` from running on the lab `board` (any backend but the
    /// simulated one, whose station adds its own checks: `SimulatedExperiment.preflightProblems`).
    public static func preflightProblems(_ experiment: ExperimentDefinition, board: BoardDefinition) -> [String] {
        var problems = problems(experiment, board: board)
        problems += scheduleProblems(experiment, board: board).filter { !problems.contains($0) }
        return problems
    }
}
