public import Firmware
import HAL

/// An experiment as a lab engineer writes it in an experiment file (`Experiments/*.experiment.toml`):
/// what to measure (its kind, with the kind's own parameters), the cycle timing, how long, the
/// analyzer codes, the seed.
public struct ExperimentDefinition: Sendable {
    /// A short name for results and file names.
    public var name: String
    /// One line saying what the run is for.
    public var description: String
    /// What is measured, and how.
    public var kind: any ExperimentKind
    /// Seed of every random draw of the run (simulated board, per-cycle bases).
    public var seed: UInt64
    /// Trigger period, pulse width, gate delay and width, coincidence window.
    public var timing: CycleTiming
    /// Trigger cycles per setting of the schedule.
    public var cyclesPerSetting: Int
    /// Basis by code, per arm.
    public var analyzer: AnalyzerCodeTable
    /// The file it came from ("(built in) NAME" for an embedded example).
    public var fileName: String

    /// A definition from its parts; `ExperimentDefinition.parse` checks them.
    public init(name: String, description: String = "", kind: any ExperimentKind, seed: UInt64 = 1,
                timing: CycleTiming = .standard, cyclesPerSetting: Int, analyzer: AnalyzerCodeTable = .standard,
                fileName: String = "(in code)") {
        self.name = name
        self.description = description
        self.kind = kind
        self.seed = seed
        self.timing = timing
        self.cyclesPerSetting = cyclesPerSetting
        self.analyzer = analyzer
        self.fileName = fileName
    }

    /// The settings of the experiment, in schedule order, with what each measures.
    public var plannedSettings: [PlannedSetting] { kind.plannedSettings }

    /// Board time the whole schedule takes, in seconds.
    public var plannedDurationSeconds: Double {
        Double(plannedSettings.count * cyclesPerSetting) * timing.triggerPeriod.seconds
    }
}

extension ExperimentDefinition: Equatable {
    public static func == (left: ExperimentDefinition, right: ExperimentDefinition) -> Bool {
        left.name == right.name && left.description == right.description && left.kind.isEqual(to: right.kind)
            && left.seed == right.seed && left.timing == right.timing && left.cyclesPerSetting == right.cyclesPerSetting
            && left.analyzer == right.analyzer && left.fileName == right.fileName
    }
}
