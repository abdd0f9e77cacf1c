public import Firmware
public import Foundation

/// The JSON result of a run: what ran, where, with which seed and software, and what it found.
/// Board-time figures (reproducible from the seed) and wall-clock figures (this machine's) are
/// kept apart, so two runs with one seed compare equal outside `wallClock`.
public struct ResultDocument: Codable, Sendable {
    /// The software that produced the result.
    public struct Software: Codable, Sendable {
        /// "qdot".
        public var name = "qdot"
        /// Its version.
        public var version = QdotVersion.current
    }

    /// The board the run used.
    public struct Board: Codable, Sendable {
        /// The board's name from its file.
        public var name: String
        /// The file it was loaded from ("(built in)" for the embedded simulated station).
        public var file: String
        /// "simulated" or "linux".
        public var backend: String
        /// The simulated board's timing profile (nil on real hardware).
        public var timingProfile: String?

        /// The board part of a result.
        public init(name: String, file: String, backend: String, timingProfile: String?) {
            self.name = name
            self.file = file
            self.backend = backend
            self.timingProfile = timingProfile
        }
    }

    /// What hung off a simulated board's lines.
    public struct Station: Codable, Sendable {
        /// "physics" or "stand-in".
        public var source: String
        /// The station's name from its file (physics only).
        public var name: String?
        /// The station file it was loaded from ("(built in) simulated.station.toml" for the embedded one).
        public var file: String?

        /// The station part of a result.
        public init(source: String, name: String?, file: String?) {
            self.source = source
            self.name = name
            self.file = file
        }
    }

    /// Figures of this machine, not of the run: not reproducible, kept apart.
    public struct WallClock: Codable, Sendable {
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
    /// "simulation" or "hardware".
    public var kind: String
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
    public init(kind: String, board: Board, seed: UInt64, schedule: CycleSchedule, report: RunReport,
                wallClock: WallClock, hardware: HardwareRunRecord? = nil) {
        self.kind = kind
        self.board = board
        self.seed = seed
        self.schedule = schedule
        self.report = report
        self.wallClock = wallClock
        self.hardware = hardware
    }

    /// Pretty, key-sorted JSON.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(self)
    }
}

/// Writes files so that a crash never leaves half a file: the data goes to a temporary file in
/// the same folder, which is then renamed over the target (rename is atomic on one filesystem).
/// A target that is not a plain file (`/dev/null`, a FIFO, `/dev/stdout`) is written into
/// directly, and a symbolic link's file is replaced, not the link (see ``OutputTarget``).
public enum AtomicFile {
    /// Writes `data` to `path` atomically, creating the folder if needed.
    public static func write(_ data: Data, to path: String) throws {
        switch OutputTarget.of(path) {
        case .stream(let path):
            let handle = try OutputTarget.openStream(path)
            defer { try? handle.close() }
            try handle.write(contentsOf: data)
        case .file(let path):
            let url = URL(fileURLWithPath: path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url, options: .atomic)
        }
    }
}
