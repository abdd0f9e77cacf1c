public import Boards
public import Experiments
public import Firmware
public import Foundation

/// The result of a run: what ran, where, with which seed and software, and what it found. Written
/// as JSON through `ResultV1` (docs/result-format.md). Board-time figures (reproducible from the
/// seed) and wall-clock figures (this machine's) are kept apart, so two runs with one seed compare
/// equal outside `wallClock`.
public struct ResultDocument: Sendable, Equatable {
    /// Where a run ran.
    public enum Kind: String, Sendable, Hashable {
        /// On the simulated board.
        case simulation
        /// On a lab board's GPIO.
        case hardware
    }

    /// The software that produced the result.
    public struct Software: Sendable, Equatable {
        /// "qdot".
        public var name = "qdot"
        /// Its version.
        public var version = QdotVersion.current

        /// This qdot.
        public init() {}
    }

    /// The board the run used.
    public struct Board: Sendable, Equatable {
        /// The board's name from its file.
        public var name: String
        /// The file it was loaded from ("(built in) simulated.board.toml" for the embedded one).
        public var file: String
        /// The backend that drove it.
        public var backend: BoardBackend
        /// The name of the simulated board's timing profile (nil on real hardware).
        public var timingProfile: String?

        /// The board part of a result.
        public init(name: String, file: String, backend: BoardBackend, timingProfile: String?) {
            self.name = name
            self.file = file
            self.backend = backend
            self.timingProfile = timingProfile
        }
    }

    /// What hung off a simulated board's lines.
    public struct Station: Sendable, Equatable {
        /// The physics model from a station file, or the stand-in source.
        public enum Source: String, Sendable, Hashable, CaseIterable {
            /// Laser, dot, optics and detectors from a station file.
            case physics
            /// Fixed click probabilities (waveform and timing work).
            case standIn = "stand-in"
        }

        /// Which source.
        public var source: Source
        /// The station's name from its file (physics only).
        public var name: String?
        /// The station file it was loaded from ("(built in) simulated.station.toml" for the embedded one).
        public var file: String?
        /// The version of the physics model's seeded stream that drew the run (`PhysicsStream.version`
        /// in module Physics; physics only): a seed reproduces a run bit for bit under the same
        /// version. Nil in results written before version 2, which were all drawn by version 1.
        public var physicsStream: Int?

        /// The station part of a result.
        public init(source: Source, name: String?, file: String?, physicsStream: Int? = nil) {
            self.source = source
            self.name = name
            self.file = file
            self.physicsStream = physicsStream
        }
    }

    /// Figures of this machine, not of the run: not reproducible, kept apart.
    public struct WallClock: Sendable, Equatable {
        /// Seconds the run took.
        public var seconds: Double
        /// Board seconds per wall second (simulated runs).
        public var speedVersusRealTime: Double
        /// Firmware cycles per wall second.
        public var cyclesPerSecond: Double

        /// Wall-clock figures.
        public init(seconds: Double, speedVersusRealTime: Double, cyclesPerSecond: Double) {
            self.seconds = seconds
            self.speedVersusRealTime = speedVersusRealTime
            self.cyclesPerSecond = cyclesPerSecond
        }

        /// The wall-clock figures of a run that took `seconds` on this machine and whose firmware
        /// report is `report` (speed and rate 0 when no time was measured).
        public init(seconds: Double, report: RunReport) {
            self.init(seconds: seconds, speedVersusRealTime: seconds > 0 ? report.runDuration.seconds / seconds : 0,
                      cyclesPerSecond: seconds > 0 ? Double(report.cyclesRun) / seconds : 0)
        }
    }

    /// What produced the result.
    public var software = Software()
    /// Simulated or real.
    public var kind: Kind
    /// The board.
    public var board: Board
    /// The seed of every random draw.
    public var seed: UInt64
    /// The schedule that ran.
    public var schedule: CycleSchedule
    /// What the firmware found.
    public var report: RunReport
    /// Wall-clock figures.
    public var wallClock: WallClock
    /// On real GPIO: the libgpiod and real-time setup the loop ran with (absent for simulations).
    public var hardware: HardwareRunRecord?
    /// The experiment that ran (nil for a plain `qdot sim --cycles` run).
    public var experiment: ExperimentDefinition?
    /// The certified figures, each with its error and method, and the data behind the plots.
    public var findings: ExperimentFindings?
    /// The raw click record written alongside, if any.
    public var recordFile: String?
    /// Faults met on the way (a record that could not be written, figures that could not be computed).
    public var faults: [String]?
    /// The simulated station (nil on real hardware).
    public var station: Station?
    /// What the physics station's devices counted (simulated physics runs only).
    public var physics: PhysicsCounts?

    /// A result document.
    public init(kind: Kind, board: Board, seed: UInt64, schedule: CycleSchedule, report: RunReport,
                wallClock: WallClock, hardware: HardwareRunRecord? = nil) {
        self.kind = kind
        self.board = board
        self.seed = seed
        self.schedule = schedule
        self.report = report
        self.wallClock = wallClock
        self.hardware = hardware
    }

    /// Pretty, key-sorted JSON (format v1).
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(ResultV1(self))
    }

    /// The result in `data` (format v1 JSON).
    /// - Throws: `DecodingError` for JSON that is not a result; `SchemaError` for one that names
    ///   something this qdot does not know.
    public static func read(_ data: Data) throws -> ResultDocument {
        try JSONDecoder().decode(ResultV1.self, from: data).document()
    }
}
