import Foundation

/// The JSON of the HTTP API, version 1 (docs/service.md): the wire types, kept apart from the
/// in-memory types so the API changes only when these do.
public enum APIv1 {
    /// `GET /api/v1/status`.
    public struct Status: Codable, Sendable, Equatable {
        public var state: ServiceState
        public var board: Board
        public var interlock: Interlock
        public var run: RunEntry?
        public var timing: Timing
        public var version: String
        public var openRead: Bool

        /// The board the service owns.
        public struct Board: Codable, Sendable, Equatable {
            public var name: String
            public var backend: String
            public var timingProfile: String?
            public var pace: String?
        }

        /// The loop's timing so far in the current (or last) run.
        public struct Timing: Codable, Sendable, Equatable {
            public var triggerPeriodNanoseconds: Int64?
            public var latenessP99Nanoseconds: Int64
            public var latenessMaximumNanoseconds: Int64
            public var overruns: Int
            public var missedSlots: Int
            /// Simulated board paced to real time: how late the loop woke against the wall clock's
            /// deadline (p99 and maximum over the run so far); nil when not paced.
            public var wallLatenessP99Nanoseconds: Int64?
            public var wallLatenessMaximumNanoseconds: Int64?
        }
    }

    /// What the service is doing.
    public enum ServiceState: String, Codable, Sendable {
        case idle, running, stopping
    }

    /// The interlock as last read by the loop.
    public enum Interlock: String, Codable, Sendable {
        case closed, open
    }

    /// A built-in (or validated) experiment.
    public struct ExperimentSummary: Codable, Sendable, Equatable {
        public var name: String
        public var kind: String
        public var description: String
        public var settings: [String]
        public var plannedCycles: Int
        public var triggerPeriodNanoseconds: Int64
    }

    /// One mistake `qdot check` reports, split into its parts.
    public struct CheckError: Codable, Sendable, Equatable {
        public var file: String
        public var line: Int?
        public var field: String?
        public var message: String
        /// The whole line as `qdot check` prints it.
        public var text: String
    }

    /// A run the service started (also `DATA/runs/ID/run.json`).
    public struct RunEntry: Codable, Sendable, Equatable {
        public var id: String
        public var experiment: String
        public var kind: String
        public var mode: RunMode
        public var setting: String?
        public var seed: UInt64
        public var state: RunState
        public var startedAt: String
        public var endedAt: String?
        public var plannedCycles: Int?
        public var cyclesRun: Int
        public var outcome: String?
        public var faults: [String]
        public var figures: [String]
        public var hasResult: Bool
        public var hasRecord: Bool
        /// Paced simulated board: the loop's wall-clock lateness over the whole run (p99, maximum).
        public var wallLatenessP99Nanoseconds: Int64?
        public var wallLatenessMaximumNanoseconds: Int64?
    }

    /// An experiment as written, or alignment: one setting (or all in turn) with no end.
    public enum RunMode: String, Codable, Sendable {
        case experiment, alignment
    }

    /// Where a run is.
    public enum RunState: String, Codable, Sendable {
        case running, stopping, completed, stopped, failed
    }

    /// One frame of the live stream (`GET /api/v1/live`).
    public struct Frame: Codable, Sendable, Equatable {
        public var sequence: Int
        public var wallSeconds: Double
        public var state: ServiceState
        public var run: String?
        public var mode: RunMode?
        public var cycles: Int
        public var plannedCycles: Int?
        public var boardSeconds: Double
        public var setting: String?
        public var interlock: Interlock
        public var lostEdges: Int
        public var clickRingDrops: Int
        public var overruns: Int
        public var missedSlots: Int
        public var latenessP99Nanoseconds: Int64
        public var latenessMaximumNanoseconds: Int64
        /// Frames this client missed because it read too slowly (filled in per client).
        public var framesDropped: Int
        public var windows: [Window]
        public var settings: [SettingFigures]
        public var figures: Figures

        /// Rates over the last `seconds` of board time.
        public struct Window: Codable, Sendable, Equatable {
            public var seconds: Double
            public var singlesPerSecond: [String: Double]
            public var coincidencesPerSecond: Double
            public var visibility: Double?
            public var S: Double?
        }

        /// One setting's counts so far.
        public struct SettingFigures: Codable, Sendable, Equatable {
            public var label: String
            public var cycles: Int
            public var singles: [String: Int]
            public var coincidences: [String: Int]
        }

        /// The run's certified-so-far figures.
        public struct Figures: Codable, Sendable, Equatable {
            public var S: Double?
            public var visibility: Double?
            public var qber: Double?
        }
    }

    /// `{"error": "…"}`.
    public struct ErrorBody: Codable, Sendable, Equatable {
        public var error: String
    }

    /// The request body of `POST /api/v1/runs`.
    public struct StartRequest: Codable, Sendable, Equatable {
        public var experiment: String
        public var seed: UInt64?
    }

    /// The request body of `POST /api/v1/alignment`.
    public struct AlignmentRequest: Codable, Sendable, Equatable {
        public var experiment: String
        public var setting: String
        public var seed: UInt64?
    }
}
