public import Firmware

/// What a run record says about itself before its events: enough to analyse it offline with no
/// other file.
public struct RunRecordHeader: Sendable, Codable {
    /// The software that wrote it ("qdot 0.1.0").
    public var software: String
    /// The experiment, as parsed from its file.
    public var experiment: ExperimentDefinition
    /// The schedule the firmware ran.
    public var schedule: CycleSchedule
    /// The board's name and timing profile.
    public var board: String
    public var timingProfile: String?
    /// The seed of the run.
    public var seed: UInt64

    /// A header.
    public init(software: String, experiment: ExperimentDefinition, schedule: CycleSchedule, board: String,
                timingProfile: String?, seed: UInt64) {
        self.software = software
        self.experiment = experiment
        self.schedule = schedule
        self.board = board
        self.timingProfile = timingProfile
        self.seed = seed
    }
}
