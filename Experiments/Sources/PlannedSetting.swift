public import HAL
public import Vocabulary

/// One setting an experiment steps through: its label, the analyzer bases it measures in, the
/// outputs that count and the gate delay — everything its schedule step is built from.
public struct PlannedSetting: Sendable, Hashable {
    /// The setting's name in schedules, records and results ("HV/HV", "a=0.0° b=22.5°", "H⊗D",
    /// "delay 300 ns"); unique within an experiment, and how the analysis finds its counts.
    public var label: String
    /// Arm A's and arm B's analyzer bases, held for the whole setting (nil when drawn every cycle).
    public var basisA: AnalyzerBasis?
    public var basisB: AnalyzerBasis?
    /// The bases each arm's basis is drawn from, uniformly and independently, every cycle (BBM92);
    /// nil when the bases are held.
    public var randomBases: [AnalyzerBasis]?
    /// For single-projection tomography: which output of each arm counts; nil when all four
    /// detector pairs count.
    public var outputA: DetectorOutput?
    public var outputB: DetectorOutput?
    /// The gate delay of this setting instead of the experiment's (a gate-delay scan's step).
    public var gateDelay: TimeSpan?

    /// A setting with both arms held in `basisA` and `basisB`.
    public init(label: String, basisA: AnalyzerBasis, basisB: AnalyzerBasis, outputA: DetectorOutput? = nil,
                outputB: DetectorOutput? = nil, gateDelay: TimeSpan? = nil) {
        self.label = label
        self.basisA = basisA
        self.basisB = basisB
        self.outputA = outputA
        self.outputB = outputB
        self.gateDelay = gateDelay
    }

    /// A setting whose bases are drawn from `randomBases` every cycle, on each arm independently.
    public init(label: String, randomBases: [AnalyzerBasis]) {
        self.label = label
        self.randomBases = randomBases
    }
}

/// The analyzer table's code of a basis, for building a schedule; every basis the table lacks is
/// remembered as a problem, so one pass names them all.
public struct BasisCodeLookup: Sendable {
    /// The table looked in.
    public let analyzer: AnalyzerCodeTable
    /// Every basis asked for that the table lacks.
    public private(set) var problems: [String] = []

    /// A lookup in `analyzer`.
    public init(_ analyzer: AnalyzerCodeTable) { self.analyzer = analyzer }

    /// The code of `basis` on `arm`; 0 (and a problem) when the table lacks it.
    public mutating func code(of basis: AnalyzerBasis, arm: AnalyzerArm) -> UInt8 {
        if let code = analyzer.code(of: basis, arm: arm) { return code }
        problems.append("the analyzer table of arm \(arm.rawValue.uppercased()) has no code for basis \(basis.name) "
                        + "(analyzer.\(arm.rawValue) = \(analyzer.names(of: arm)))")
        return 0
    }
}
