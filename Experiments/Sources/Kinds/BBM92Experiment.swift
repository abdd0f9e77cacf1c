import Analysis
public import ConfigFile
import Vocabulary

/// BBM92 quantum key distribution (Bennett, Brassard & Mermin, PRL 68, 557 (1992)): each arm's
/// basis, H/V or D/A, drawn at random every cycle; sifting, the QBER of each basis and the
/// asymptotic secret key rate. Section `[bbm92]`: `error-correction-inefficiency` (default 1.16).
public struct BBM92Experiment: ExperimentKind {
    public static let name = "bbm92"

    /// Error-correction inefficiency f ≥ 1 in r = 1 − f·h(e_bit) − h(e_phase).
    public var errorCorrectionInefficiency: Double

    /// The one setting: both arms' bases drawn from H/V and D/A every cycle.
    static let setting = PlannedSetting(label: "random HV|DA", randomBases: [.horizontalVertical, .diagonalAntidiagonal])

    /// The kind with inefficiency `errorCorrectionInefficiency`.
    public init(errorCorrectionInefficiency: Double = 1.16) {
        self.errorCorrectionInefficiency = errorCorrectionInefficiency
    }

    public static func read(from reader: inout ConfigReader) -> BBM92Experiment {
        var experiment = BBM92Experiment()
        if let section = reader.section("bbm92") {
            experiment.errorCorrectionInefficiency = reader.value(
                "error-correction-inefficiency", in: section, as: .number("an inefficiency f ≥ 1", in: 1...10), default: 1.16)
        }
        return experiment
    }

    public init(parameters: ExperimentParameters) throws(ExperimentError) {
        self.init(errorCorrectionInefficiency: try ExperimentParameters.required(
            parameters.errorCorrectionInefficiency, "error-correction inefficiency", of: Self.name))
    }

    public var parameters: ExperimentParameters { ExperimentParameters(errorCorrectionInefficiency: errorCorrectionInefficiency) }

    public var plannedSettings: [PlannedSetting] { [Self.setting] }

    public var gathering: Gathering { Gathering(keyDetections: true) }

    var assumptions: BBM92.Assumptions { BBM92.Assumptions(errorCorrectionInefficiency: errorCorrectionInefficiency) }

    public func analyze(_ data: ExperimentData, into findings: inout ExperimentFindings) {
        findings.attempt("BBM92") { findings in
            let detections = data.accumulator.detections
            let result = try BBM92.analyze(
                detections, triggerCycles: max(data.triggerCycles, detections.total, 1),
                acquisitionTimeSeconds: data.boardSeconds > 0 ? data.boardSeconds : nil, assumptions: assumptions)
            let binomial = "errors/sifted bits; binomial error √(e(1−e)/n)"
            findings.figures.append(Figure(key: .qberHV, name: "QBER, H/V basis", estimate: result.qberRectilinear,
                                           method: binomial))
            findings.figures.append(Figure(key: .qberDA, name: "QBER, D/A basis", estimate: result.qberDiagonal,
                                           method: binomial))
            let sifted = Double(result.siftedRectilinear + result.siftedDiagonal)
            findings.figures.append(Figure(key: .siftedBits, name: "sifted bits (both bases)", value: sifted,
                                           standardError: sifted.squareRoot(), method: "detections with equal bases; Poisson error",
                                           interval: try ConfidenceInterval.poissonScore(count: sifted)))
            findings.figures.append(Figure(
                key: .secretFraction, name: "secret fraction r = 1 − f·h(e_bit) − h(e_phase)", value: result.secretFraction,
                standardError: result.secretFractionStandardError,
                method: "asymptotic BBM92 key fraction (Shor & Preskill, PRL 85, 441 (2000)), f = \(errorCorrectionInefficiency), no finite-size correction; error: the QBERs' binomial errors propagated to first order",
                interval: result.secretFractionInterval))
            if let rate = result.secretKeyRateBitsPerSecond, let rateError = result.secretKeyRateStandardErrorBitsPerSecond {
                findings.figures.append(Figure(
                    key: .secretKeyRate, name: "secret key rate", value: rate, standardError: rateError, unit: "bit/s",
                    method: "r × sifted H/V bits per board second; error: r's (from the QBERs) and the sifted count's Poisson error in quadrature",
                    interval: result.secretKeyRateInterval))
            }
        }
    }

    /// Without the board time: secret key bits per complete trigger cycle instead of per second.
    public func perCycleFigures(_ data: ExperimentData, salvage: SalvageContext,
                                into findings: inout ExperimentFindings) -> [SalvageInfo.FigureTreatment] {
        var treatments: [SalvageInfo.FigureTreatment] = []
        if salvage.cyclesAnalysed > 0 {
            findings.attempt("secret key bits per cycle") { findings in
                let result = try BBM92.analyze(data.accumulator.detections, triggerCycles: Int(salvage.cyclesAnalysed),
                                               assumptions: assumptions)
                let cycles = Double(salvage.cyclesAnalysed), keyBits = Double(result.siftedRectilinear)
                let fromFraction = keyBits / cycles * result.secretFractionStandardError
                let fromCount = result.secretFraction / cycles * keyBits.squareRoot()
                findings.figures.append(Figure(
                    key: .secretKeyBitsPerCycle, name: "secret key bits per trigger cycle", value: result.secretBitsPerCycle,
                    standardError: (fromFraction * fromFraction + fromCount * fromCount).squareRoot(), unit: "bit",
                    method: "r × sifted H/V bits per complete trigger cycle analysed; error: r's (from the QBERs) and the sifted count's Poisson error in quadrature",
                    interval: result.secretBitsPerCycleInterval))
                treatments.append(.init(figure: .secretKeyBitsPerCycle, treatment: .perCycle,
                                        reason: "exact over \(salvage.span)"))
            }
        }
        treatments.append(.init(figure: .secretKeyRate, treatment: .leftOut,
                                reason: SalvageContext.needsBoardTime + "; secret-key-bits-per-cycle is given instead"))
        return treatments
    }
}

extension FigureKey {
    /// BBM92: quantum bit error rate of the sifted H/V bits.
    public static let qberHV: FigureKey = "qber-hv"
    /// BBM92: quantum bit error rate of the sifted D/A bits.
    public static let qberDA: FigureKey = "qber-da"
    /// BBM92: sifted bits of both bases.
    public static let siftedBits: FigureKey = "sifted-bits"
    /// BBM92: the asymptotic secret fraction r.
    public static let secretFraction: FigureKey = "secret-fraction"
    /// BBM92: r × sifted H/V bits per board second.
    public static let secretKeyRate: FigureKey = "secret-key-rate"
    /// BBM92, salvaged record: r × sifted H/V bits per complete trigger cycle.
    public static let secretKeyBitsPerCycle: FigureKey = "secret-key-bits-per-cycle"
}
