import Boards
public import Experiments
public import Firmware

/// What a run record says about itself before its events: enough to analyse it offline with no
/// other file. Stored as `RecordHeaderV1` (docs/record-format.md).
public struct RunRecordHeader: Sendable, Equatable {
    /// The software that wrote it ("qdot 0.1.0").
    public var software: String
    /// The experiment, as parsed from its file.
    public var experiment: ExperimentDefinition
    /// The schedule the firmware ran.
    public var schedule: CycleSchedule
    /// The board's name.
    public var board: String
    /// The name of the simulated board's timing profile (nil on a lab board).
    public var timingProfile: String?
    /// The seed of the run.
    public var seed: UInt64
    /// A random number drawn when a lab run starts, so two lab runs never share a run ID (a
    /// version-3 record's run ID is derived from its header); nil for a simulated run, whose
    /// record the seed and the files decide byte for byte.
    public var runNonce: UInt64?

    /// A header.
    public init(software: String, experiment: ExperimentDefinition, schedule: CycleSchedule, board: String,
                timingProfile: String?, seed: UInt64, runNonce: UInt64? = nil) {
        self.software = software
        self.experiment = experiment
        self.schedule = schedule
        self.board = board
        self.timingProfile = timingProfile
        self.seed = seed
        self.runNonce = runNonce
    }

    /// What makes the header unfit to analyse its records by: a schedule that is not the one its
    /// experiment plans (another kind's settings, a step count or label that does not fit), nil
    /// when it fits. The analysis finds each setting's counts by its label and the firmware ran
    /// the schedule, so the two must agree.
    public var scheduleMismatch: String? {
        let planned: CycleSchedule
        do { planned = try experiment.schedule() } catch {
            return "its \(experiment.kind.name) experiment cannot be planned: \(error)"
        }
        if planned == schedule { return nil }
        if planned.steps.count != schedule.steps.count {
            return "its schedule has \(schedule.steps.count) settings, a \(experiment.kind.name) experiment plans \(planned.steps.count)"
        }
        for (index, (wanted, found)) in zip(planned.steps, schedule.steps).enumerated() where wanted != found {
            return "setting \(index) of its schedule is \"\(found.label)\" (\(found.codes), \(found.cycles) cycles), "
                + "its \(experiment.kind.name) experiment plans \"\(wanted.label)\" (\(wanted.codes), \(wanted.cycles) cycles)"
        }
        return "its schedule's timing or basis seed differs from what its experiment plans"
    }
}
