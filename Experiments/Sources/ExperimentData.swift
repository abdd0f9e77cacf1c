public import Firmware
public import Vocabulary

/// What an experiment kind's analysis works from: the experiment, the counts of each setting (by
/// label), everything else the counts gathered, and the board time they span.
public struct ExperimentData: Sendable {
    /// The experiment (with the coincidence window the counts were made with).
    public let experiment: ExperimentDefinition
    /// The counts.
    public let accumulator: ExperimentAccumulator
    /// Board seconds the counts span; 0 when unknown (a salvaged record), and then no rate is given.
    public let boardSeconds: Double
    /// Each setting's counts, by its label.
    private let countsByLabel: [String: SettingCounts]

    /// The data of `accumulator` (finished), counted for `experiment` with `schedule`'s settings.
    public init(experiment: ExperimentDefinition, schedule: CycleSchedule, accumulator: ExperimentAccumulator,
                boardSeconds: Double) {
        self.experiment = experiment
        self.accumulator = accumulator
        self.boardSeconds = boardSeconds
        var countsByLabel: [String: SettingCounts] = [:]
        for (step, counts) in zip(schedule.steps, accumulator.settings) { countsByLabel[step.label] = counts }
        self.countsByLabel = countsByLabel
    }

    /// The counts of `setting`, found by its label.
    /// - Throws: when the counts have no setting of that label (a schedule that is not the
    ///   experiment's; record readers refuse such a record before it gets here).
    public func counts(of setting: PlannedSetting) throws(ExperimentError) -> SettingCounts {
        guard let counts = countsByLabel[setting.label] else {
            throw .problems(["no counts for the setting \"\(setting.label)\": the schedule is not this experiment's"])
        }
        return counts
    }

    /// Trigger cycles of every setting together.
    public var triggerCycles: Int { accumulator.settings.reduce(0) { $0 + $1.triggerCycles } }
}
