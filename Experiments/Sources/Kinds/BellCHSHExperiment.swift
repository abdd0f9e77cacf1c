import Analysis
public import ConfigFile
import Vocabulary

/// Visibilities in H/V and D/A, fidelity to |Φ+> (adds R/L), and CHSH S with analyzer angles
/// 0°/45° on arm A and 22.5°/67.5° on arm B. No section of its own.
public struct BellCHSHExperiment: ExperimentKind {
    public static let name = "bell-chsh"

    /// The CHSH analyzer angles (Clauser et al., PRL 23, 880 (1969)): a, a′ on arm A and b, b′ on
    /// arm B, in degrees, for which |Φ+> gives S = 2√2.
    public static let chshAngles = (a: 0.0, aPrime: 45.0, b: 22.5, bPrime: 67.5)

    /// The settings, in schedule order.
    public enum Setting: CaseIterable, Sendable {
        /// Both arms in H/V, D/A or R/L: the correlations behind the visibilities and the fidelity.
        case horizontalVertical, diagonalAntidiagonal, rightLeft
        /// The four CHSH angle pairs (a, b), (a, b′), (a′, b), (a′, b′).
        case ab, abPrime, aPrimeB, aPrimeBPrime

        /// What the setting measures, and its label.
        public var planned: PlannedSetting {
            let angles = BellCHSHExperiment.chshAngles
            switch self {
            case .horizontalVertical: return Self.sameBasis(.horizontalVertical)
            case .diagonalAntidiagonal: return Self.sameBasis(.diagonalAntidiagonal)
            case .rightLeft: return Self.sameBasis(.rightLeft)
            case .ab: return Self.angles(angles.a, angles.b)
            case .abPrime: return Self.angles(angles.a, angles.bPrime)
            case .aPrimeB: return Self.angles(angles.aPrime, angles.b)
            case .aPrimeBPrime: return Self.angles(angles.aPrime, angles.bPrime)
            }
        }

        static func sameBasis(_ basis: AnalyzerBasis) -> PlannedSetting {
            PlannedSetting(label: "\(basis.name)/\(basis.name)", basisA: basis, basisB: basis)
        }

        static func angles(_ a: Double, _ b: Double) -> PlannedSetting {
            PlannedSetting(label: "a=\(a)° b=\(b)°", basisA: AnalyzerBasis.linear(degrees: a).canonical,
                           basisB: AnalyzerBasis.linear(degrees: b).canonical)
        }
    }

    /// The kind (it has no parameters).
    public init() {}

    public static func read(from reader: inout ConfigReader) -> BellCHSHExperiment { BellCHSHExperiment() }

    public init(parameters: ExperimentParameters) {}

    public var parameters: ExperimentParameters { ExperimentParameters() }

    public var plannedSettings: [PlannedSetting] { Setting.allCases.map(\.planned) }

    public func analyze(_ data: ExperimentData, into findings: inout ExperimentFindings) {
        func counts(_ setting: Setting) throws -> SettingCounts { try data.counts(of: setting.planned) }
        findings.attempt("visibility H/V") { findings in
            let v = try counts(.horizontalVertical).visibility(location: "HV/HV")
            findings.figures.append(Figure(key: .visibilityHV, name: "visibility H/V ⊗ H/V", estimate: v,
                                           method: ExperimentAnalysis.correlationMethod))
        }
        findings.attempt("visibility D/A") { findings in
            let v = try counts(.diagonalAntidiagonal).visibility(location: "DA/DA")
            findings.figures.append(Figure(key: .visibilityDA, name: "visibility D/A ⊗ D/A", estimate: v,
                                           method: ExperimentAnalysis.correlationMethod))
        }
        findings.attempt("fidelity") { findings in
            let f = try BellTest.fidelity(to: .phiPlus, horizontalVertical: counts(.horizontalVertical),
                                          diagonalAntidiagonal: counts(.diagonalAntidiagonal), rightLeft: counts(.rightLeft))
            findings.figures.append(Figure(
                key: .fidelityPhiPlus, name: "fidelity to |Φ+>", estimate: f,
                method: "F = (1 + E_HV + E_DA − E_RL)/4 from the same-basis correlations; Poisson errors in quadrature"))
        }
        findings.attempt("CHSH") { findings in
            let s = try BellTest.chsh(ab: counts(.ab), abPrime: counts(.abPrime), aPrimeB: counts(.aPrimeB),
                                      aPrimeBPrime: counts(.aPrimeBPrime))
            findings.figures.append(Figure(
                key: .chshS, name: "CHSH S (a=0°, a′=45°, b=22.5°, b′=67.5°)", estimate: s,
                method: "S = E(a,b) − E(a,b′) + E(a′,b) + E(a′,b′) (Clauser et al., PRL 23, 880 (1969)); Poisson errors of each E in quadrature"))
            if s.standardError > 0 {
                findings.figures.append(Figure(
                    key: .chshViolationSigma, name: "CHSH violation (S − 2) in standard errors",
                    value: (s.value - 2) / s.standardError, standardError: 0, unit: "σ", method: "(S − 2)/σ_S"))
            }
        }
    }
}

extension FigureKey {
    /// Bell/CHSH: |E| in H/V ⊗ H/V.
    public static let visibilityHV: FigureKey = "visibility-hv"
    /// Bell/CHSH: |E| in D/A ⊗ D/A.
    public static let visibilityDA: FigureKey = "visibility-da"
    /// Bell/CHSH: fidelity to |Φ+> from the three same-basis correlations.
    public static let fidelityPhiPlus: FigureKey = "fidelity-phi-plus"
    /// Bell/CHSH: S.
    public static let chshS: FigureKey = "chsh-s"
    /// Bell/CHSH: (S − 2)/σ_S.
    public static let chshViolationSigma: FigureKey = "chsh-violation-sigma"
}
