import Analysis
public import ConfigFile
public import Vocabulary

/// Pulsed Hanbury Brown–Twiss g2(0) of each arm from its two detectors: the centre peak over the
/// mean side peak. Section `[g2]`: `side-peaks` (default 3), `basis` (HV, DA or RL; default DA).
public struct G2Experiment: ExperimentKind {
    public static let name = "g2"

    /// Side peaks averaged on each side of zero delay.
    public var sidePeaks: Int
    /// The basis both arms are held in.
    public var basis: AnalyzerBasis

    /// The kind with `sidePeaks` side peaks each side, both arms in `basis`.
    public init(sidePeaks: Int = 3, basis: AnalyzerBasis = .diagonalAntidiagonal) {
        self.sidePeaks = sidePeaks
        self.basis = basis
    }

    public static func read(from reader: inout ConfigReader) -> G2Experiment {
        var experiment = G2Experiment()
        if let section = reader.section("g2") {
            experiment.sidePeaks = reader.value("side-peaks", in: section, as: .integer("a number of side peaks", in: 1...50),
                                                default: 3)
            let bases: [AnalyzerBasis] = [.horizontalVertical, .diagonalAntidiagonal, .rightLeft]
            experiment.basis = reader.value("basis", in: section, as: .oneOf(bases.map { ($0.name, $0) }),
                                            default: .diagonalAntidiagonal)
        }
        return experiment
    }

    public init(parameters: ExperimentParameters) throws(ExperimentError) {
        self.init(sidePeaks: try ExperimentParameters.required(parameters.sidePeaks, "side peaks", of: Self.name),
                  basis: try ExperimentParameters.required(parameters.g2Basis, "basis", of: Self.name))
    }

    public var parameters: ExperimentParameters { ExperimentParameters(sidePeaks: sidePeaks, g2Basis: basis) }

    public var plannedSettings: [PlannedSetting] {
        [PlannedSetting(label: "HBT \(basis.name)/\(basis.name)", basisA: basis, basisB: basis)]
    }

    public var gathering: Gathering { Gathering(hanburyBrownTwissSidePeaks: sidePeaks) }

    public func analyze(_ data: ExperimentData, into findings: inout ExperimentFindings) {
        findings.hbtPeaks = AnalyzerArm.allCases.map { data.accumulator.hanburyBrownTwissPeaks(of: $0) }
        for arm in AnalyzerArm.allCases {
            let name = arm.rawValue.uppercased()
            findings.attempt("g2(0) arm \(name)") { findings in
                let peaks = data.accumulator.hanburyBrownTwissPeaks(of: arm)
                let sides = peaks.enumerated().filter { $0.offset != sidePeaks }.map { Double($0.element) }
                let g2 = try PulsedG2.estimate(centrePeak: Double(peaks[sidePeaks]), sidePeaks: sides)
                findings.figures.append(Figure(
                    key: .g2Zero(arm), name: "g2(0), arm \(name) (HBT on its two detectors)", estimate: g2,
                    method: "centre peak / mean of \(2 * sidePeaks) side peaks (Santori et al., Nature 419, 594 (2002)); Poisson errors"))
            }
        }
    }

    public func salvageNote(for key: FigureKey) -> String {
        AnalyzerArm.allCases.contains { key == .g2Zero($0) } ? " (centre peak over the mean side peak: no rate normalisation)" : ""
    }
}

extension FigureKey {
    /// g2: g2(0) of `arm` from its two detectors ("g2-zero-a", "g2-zero-b").
    public static func g2Zero(_ arm: AnalyzerArm) -> FigureKey { FigureKey(rawValue: "g2-zero-\(arm.rawValue)") }
}
