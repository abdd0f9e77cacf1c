import Analysis
public import ConfigFile
import Vocabulary

/// Two-qubit state tomography from the 16 projections {H, V, D, R}⊗{H, V, D, R}, one detector
/// pair each (James et al., Phys. Rev. A 64, 052312 (2001)). No section of its own.
public struct Tomography16Experiment: ExperimentKind {
    public static let name = "tomography-16"

    /// One arm's projection: a basis and the output of it that counts.
    struct Projection {
        var name: String
        var basis: AnalyzerBasis
        var output: DetectorOutput
    }

    /// H and V are the + and − outputs of H/V, D the + of D/A, R the + of R/L.
    static let projections = [Projection(name: "H", basis: .horizontalVertical, output: .plus),
                              Projection(name: "V", basis: .horizontalVertical, output: .minus),
                              Projection(name: "D", basis: .diagonalAntidiagonal, output: .plus),
                              Projection(name: "R", basis: .rightLeft, output: .plus)]

    /// The kind (it has no parameters).
    public init() {}

    public static func read(from reader: inout ConfigReader) -> Tomography16Experiment { Tomography16Experiment() }

    public init(parameters: ExperimentParameters) {}

    public var parameters: ExperimentParameters { ExperimentParameters() }

    /// Every pair of projections, arm A's first, arm B's varying fastest.
    static var projectionPairs: [(a: Projection, b: Projection)] {
        projections.flatMap { a in projections.map { b in (a, b) } }
    }

    /// The setting of arm A projected on `a` and arm B on `b`: "H⊗D".
    static func setting(_ a: Projection, _ b: Projection) -> PlannedSetting {
        PlannedSetting(label: "\(a.name)⊗\(b.name)", basisA: a.basis, basisB: b.basis, outputA: a.output, outputB: b.output)
    }

    public var plannedSettings: [PlannedSetting] { Self.projectionPairs.map { Self.setting($0.a, $0.b) } }

    /// Each setting's coincidences of its one detector pair, exposed for the setting's cycles by the
    /// rule tomography-36 follows too (`TomographySettings.exposure`): a setting without cycles
    /// while others have some (a salvaged record cut before it) refuses the state, naming it.
    public func analyze(_ data: ExperimentData, into findings: inout ExperimentFindings) {
        findings.attempt("tomography") { findings in
            let counts = try Self.projectionPairs.map { a, b in try data.counts(of: Self.setting(a, b)) }
            let anyRecorded = counts.contains { $0.triggerCycles > 0 }
            var measurements: [TomographyMeasurement] = []
            for ((a, b), counts) in zip(Self.projectionPairs, counts) {
                let exposure = try TomographySettings.exposure(triggerCycles: counts.triggerCycles, anyRecorded: anyRecorded,
                                                               location: Self.setting(a, b).label)
                measurements.append(TomographyMeasurement(
                    projectionA: try a.basis.projection(onto: a.output), projectionB: try b.basis.projection(onto: b.output),
                    counts: Double(counts.coincidences[DetectorPair(a.output, b.output)]), accidentals: 0,
                    relativeExposure: exposure))
            }
            try TomographyFigures.certify(measurements, seed: data.experiment.seed, into: &findings)
        }
    }

    /// Each setting's exposure is its cycles among those analysed, which the schedule gives exactly.
    public func salvageNote(for key: FigureKey) -> String {
        "; relative exposures are each setting's cycles among them, from the schedule: exact"
    }
}
