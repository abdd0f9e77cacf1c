import Boards

/// A run record's header as the file stores it (format v1, docs/record-format.md): UTF-8 JSON with
/// sorted keys, after the 16-byte preamble.
public struct RecordHeaderV1: Codable, Sendable, Hashable {
    public var software: String
    public var experiment: ExperimentV1
    public var schedule: ScheduleV1
    public var board: String
    public var timingProfile: String?
    public var seed: UInt64
    /// A lab run's random nonce (version 3; absent in a simulated run's header and in every
    /// version-1 and -2 record).
    public var runNonce: UInt64?

    enum CodingKeys: String, CodingKey { case software, experiment, schedule, board, timingProfile, seed, runNonce }

    /// The stored form of `header`.
    public init(_ header: RunRecordHeader) {
        software = header.software
        experiment = ExperimentV1(header.experiment)
        schedule = ScheduleV1(header.schedule)
        board = header.board
        timingProfile = header.timingProfile
        seed = header.seed
        runNonce = header.runNonce
    }

    /// The header stored.
    public func header() throws(SchemaError) -> RunRecordHeader {
        RunRecordHeader(software: software, experiment: try experiment.experiment(), schedule: try schedule.schedule(),
                        board: board, timingProfile: timingProfile, seed: seed, runNonce: runNonce)
    }
}
