public import Firmware
public import HAL

/// An experiment as a lab engineer writes it in an experiment file (`Experiments/*.experiment.toml`):
/// what to measure, the cycle timing, how long, the analyzer codes, the seed.
public struct ExperimentDefinition: Sendable, Hashable, Codable {
    /// A short name for results and file names.
    public var name: String
    /// One line saying what the run is for.
    public var description: String
    /// What is measured.
    public var kind: ExperimentKind
    /// Seed of every random draw of the run (simulated board, per-cycle bases).
    public var seed: UInt64
    /// Trigger period, pulse width, gate delay and width, coincidence window.
    public var timing: CycleTiming
    /// Trigger cycles per setting of the schedule.
    public var cyclesPerSetting: Int
    /// Basis names by code, per arm.
    public var analyzer: AnalyzerCodeTable
    /// Gate-delay scan: first and last gate delay, and the step (nil for other kinds).
    public var scan: GateDelayScan?
    /// g2: how many side peaks on each side of zero delay are averaged (default 3).
    public var sidePeaks: Int
    /// g2: the basis both arms are held in (default D/A).
    public var g2Basis: String
    /// BBM92: error-correction inefficiency f ≥ 1 of the key-rate formula (default 1.16).
    public var errorCorrectionInefficiency: Double
    /// The file it came from ("(built in) NAME" for an embedded example).
    public var fileName: String

    /// A definition from its parts; `ExperimentDefinition.parse` checks them.
    public init(name: String, description: String = "", kind: ExperimentKind, seed: UInt64 = 1,
                timing: CycleTiming = .standard, cyclesPerSetting: Int, analyzer: AnalyzerCodeTable = .standard,
                scan: GateDelayScan? = nil, sidePeaks: Int = 3, g2Basis: String = "DA",
                errorCorrectionInefficiency: Double = 1.16, fileName: String = "(in code)") {
        self.name = name
        self.description = description
        self.kind = kind
        self.seed = seed
        self.timing = timing
        self.cyclesPerSetting = cyclesPerSetting
        self.analyzer = analyzer
        self.scan = scan
        self.sidePeaks = sidePeaks
        self.g2Basis = g2Basis
        self.errorCorrectionInefficiency = errorCorrectionInefficiency
        self.fileName = fileName
    }
}

/// The gate delays a scan steps through: `start`, `start + step`, … up to and including `stop`.
public struct GateDelayScan: Sendable, Hashable, Codable {
    /// The first gate delay.
    public var start: TimeSpan
    /// The last gate delay (included when the steps land on it).
    public var stop: TimeSpan
    /// The increment.
    public var step: TimeSpan

    /// A scan.
    public init(start: TimeSpan, stop: TimeSpan, step: TimeSpan) {
        self.start = start
        self.stop = stop
        self.step = step
    }

    /// Every gate delay of the scan, in order.
    public var delays: [TimeSpan] {
        guard step > .zero, stop >= start else { return [] }
        return stride(from: start.nanoseconds, through: stop.nanoseconds, by: Int(step.nanoseconds)).map(TimeSpan.init)
    }
}
