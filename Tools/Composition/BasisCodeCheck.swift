import Boards
import Firmware
import Physics

/// Before a run: every basis code the schedule puts on an arm's lines must be in that arm's
/// table in the station data, or the analyzer would sit in an unknown setting.
enum BasisCodeCheck {
    /// One message per (setting, arm) whose code the table lacks, with the station file and the
    /// line of the arm's code table.
    static func problems(schedule: CycleSchedule, station: StationDefinition) -> [String] {
        var problems: [String] = []
        for step in schedule.steps {
            for (arm, code, table) in [("a", step.codes.armA, station.parameters.analyzerA),
                                       ("b", step.codes.armB, station.parameters.analyzerB)] {
                guard case .failure(let problem) = table.setting(forCode: Int(code), arm: arm) else { continue }
                problems.append("setting \(step.label): " + station.located(problem).description)
            }
        }
        return problems
    }
}
