import Analysis
public import ConfigFile
import Vocabulary

/// Two-qubit state tomography from the 36 projections {H, V, D, A, R, L}⊗{…}: the nine analyzer
/// basis pairs, all four detector pairs of each. No section of its own.
public struct Tomography36Experiment: ExperimentKind {
    public static let name = "tomography-36"

    static let bases: [AnalyzerBasis] = [.horizontalVertical, .diagonalAntidiagonal, .rightLeft]

    /// The kind (it has no parameters).
    public init() {}

    public static func read(from reader: inout ConfigReader) -> Tomography36Experiment { Tomography36Experiment() }

    public init(parameters: ExperimentParameters) {}

    public var parameters: ExperimentParameters { ExperimentParameters() }

    /// Every pair of bases, arm A's first, arm B's varying fastest.
    static var basisPairs: [(a: AnalyzerBasis, b: AnalyzerBasis)] { bases.flatMap { a in bases.map { b in (a, b) } } }

    /// The setting of arm A in `a` and arm B in `b`: "HV/DA".
    static func setting(_ a: AnalyzerBasis, _ b: AnalyzerBasis) -> PlannedSetting {
        PlannedSetting(label: "\(a.name)/\(b.name)", basisA: a, basisB: b)
    }

    public var plannedSettings: [PlannedSetting] { Self.basisPairs.map { Self.setting($0.a, $0.b) } }

    public func analyze(_ data: ExperimentData, into findings: inout ExperimentFindings) {
        findings.attempt("tomography") { findings in
            var pairs: [(AnalyzerBasis, AnalyzerBasis, SettingCounts)] = []
            for (a, b) in Self.basisPairs { pairs.append((a, b, try data.counts(of: Self.setting(a, b)))) }
            try TomographyFigures.certify(try TomographySettings.measurements(basisPairs: pairs), seed: data.experiment.seed,
                                          into: &findings)
        }
    }
}
