import Boards

/// A run's result as the JSON file stores it (docs/result-format.md): pretty-printed, keys sorted.
/// Version 1 has no `format` key; version 2 (gate-mode coincidences: the timing's
/// `coincidenceMode` and `sideCycles`, settings' `sideCoincidences`) says `"format": 2`.
public struct ResultV1: Codable, Sendable {
    /// `{"name": "qdot", "version": "0.1.0"}`.
    public struct Software: Codable, Sendable, Hashable {
        public var name: String
        public var version: String

        enum CodingKeys: String, CodingKey { case name, version }
    }

    /// `{"backend", "file", "name", "timingProfile"?}`.
    public struct Board: Codable, Sendable, Hashable {
        public var name: String
        public var file: String
        public var backend: String
        public var timingProfile: String?

        enum CodingKeys: String, CodingKey { case name, file, backend, timingProfile }
    }

    /// `{"file"?, "name"?, "physicsStream"?, "source"}`.
    public struct Station: Codable, Sendable, Hashable {
        public var source: String
        public var name: String?
        public var file: String?
        public var physicsStream: Int?

        enum CodingKeys: String, CodingKey { case source, name, file, physicsStream }
    }

    /// `{"cyclesPerSecond", "seconds", "speedVersusRealTime"}`.
    public struct WallClock: Codable, Sendable, Hashable {
        public var seconds: Double
        public var speedVersusRealTime: Double
        public var cyclesPerSecond: Double

        enum CodingKeys: String, CodingKey { case seconds, speedVersusRealTime, cyclesPerSecond }
    }

    /// 2 from version 2; absent in version 1.
    public var format: Int?
    public var software: Software
    public var kind: String
    public var board: Board
    public var seed: UInt64
    public var schedule: ScheduleV1
    public var report: RunReportV1
    public var wallClock: WallClock
    public var hardware: HardwareRunRecord?
    public var experiment: ExperimentV1?
    public var findings: FindingsV1?
    public var recordFile: String?
    public var faults: [String]?
    public var station: Station?
    public var physics: PhysicsCounts?

    enum CodingKeys: String, CodingKey {
        case format, software, kind, board, seed, schedule, report, wallClock, hardware, experiment, findings, recordFile, faults,
             station, physics
    }

    /// The stored form of `document`.
    public init(_ document: ResultDocument) {
        software = Software(name: document.software.name, version: document.software.version)
        kind = document.kind.rawValue
        board = Board(name: document.board.name, file: document.board.file, backend: document.board.backend.rawValue,
                      timingProfile: document.board.timingProfile)
        seed = document.seed
        schedule = ScheduleV1(document.schedule)
        format = schedule.timing.needsVersion2 ? 2 : nil
        report = RunReportV1(document.report)
        wallClock = WallClock(seconds: document.wallClock.seconds, speedVersusRealTime: document.wallClock.speedVersusRealTime,
                              cyclesPerSecond: document.wallClock.cyclesPerSecond)
        hardware = document.hardware
        experiment = document.experiment.map(ExperimentV1.init)
        findings = document.findings.map(FindingsV1.init)
        recordFile = document.recordFile
        faults = document.faults
        station = document.station.map {
            Station(source: $0.source.rawValue, name: $0.name, file: $0.file, physicsStream: $0.physicsStream)
        }
        physics = document.physics
    }

    /// The result stored.
    public func document() throws(SchemaError) -> ResultDocument {
        if let format, format > 2 {
            throw SchemaError(field: "format", problem: "version \(format); this qdot reads versions 1 and 2")
        }
        guard let kind = ResultDocument.Kind(rawValue: kind) else {
            throw SchemaError(field: "kind", problem: "\"\(kind)\"; expected simulation or hardware")
        }
        guard let backend = BoardBackend(rawValue: board.backend) else {
            throw SchemaError(field: "board.backend", problem: "\"\(board.backend)\"; expected simulated or linux")
        }
        var document = ResultDocument(
            kind: kind, board: .init(name: board.name, file: board.file, backend: backend, timingProfile: board.timingProfile), seed: seed,
            schedule: try schedule.schedule(), report: try report.report(),
            wallClock: .init(seconds: wallClock.seconds, speedVersusRealTime: wallClock.speedVersusRealTime,
                             cyclesPerSecond: wallClock.cyclesPerSecond),
            hardware: hardware)
        document.software.name = software.name
        document.software.version = software.version
        document.experiment = try experiment?.experiment()
        document.findings = try findings?.findings()
        document.recordFile = recordFile
        document.faults = faults
        if let station {
            guard let source = ResultDocument.Station.Source(rawValue: station.source) else {
                throw SchemaError(field: "station.source", problem: "\"\(station.source)\"; expected physics or stand-in")
            }
            document.station = .init(source: source, name: station.name, file: station.file,
                                     physicsStream: station.physicsStream)
        }
        document.physics = physics
        return document
    }
}
