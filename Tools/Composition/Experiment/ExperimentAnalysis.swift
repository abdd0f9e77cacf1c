import Analysis
import ComplexModule
import Firmware
import Vocabulary

/// Turns an experiment's accumulated counts into certified figures, each with its error and method.
public enum ExperimentAnalysis {
    /// Monte Carlo samples behind the tomography error bars.
    public static let tomographySamples = 100

    /// The findings of `accumulator` (finished) for `definition`, over `boardSeconds` of board time.
    public static func findings(definition: ExperimentDefinition, accumulator: ExperimentAccumulator,
                                boardSeconds: Double) -> ExperimentFindings {
        var findings = ExperimentFindings()
        let planned = definition.plannedSettings
        let counts = accumulator.settings
        findings.eventsAnalysed = accumulator.eventsSeen
        findings.correlationHistogram = accumulator.correlationHistogram
        findings.correlationHistogramRangeNanoseconds = accumulator.histogramRangeNanoseconds
        for (index, setting) in counts.enumerated() {
            findings.settings.append(SettingSummary(
                label: index < planned.count ? planned[index].label : "setting \(index)", cycles: setting.triggerCycles,
                singles: setting.singles.values, coincidences: setting.coincidences.values))
        }
        if boardSeconds > 0 {
            let n = Double(accumulator.totalCoincidences)
            findings.figures.append(Figure(
                key: "coincidence-rate", name: "coincidence rate (all settings)", value: n / boardSeconds,
                standardError: n.squareRoot() / boardSeconds, unit: "1/s",
                method: "coincidences within the window per board second; Poisson error √N/T"))
        }
        func attempt(_ what: String, _ body: () throws -> Void) {
            do { try body() } catch { findings.notes.append("\(what): \(error)") }
        }
        switch definition.kind {
        case .bellCHSH:
            attempt("visibility H/V") {
                let v = try counts[0].visibility(location: "HV/HV")
                findings.figures.append(Figure(key: "visibility-hv", name: "visibility H/V ⊗ H/V", value: v.value,
                                               standardError: v.standardError, method: Self.correlationMethod))
            }
            attempt("visibility D/A") {
                let v = try counts[1].visibility(location: "DA/DA")
                findings.figures.append(Figure(key: "visibility-da", name: "visibility D/A ⊗ D/A", value: v.value,
                                               standardError: v.standardError, method: Self.correlationMethod))
            }
            attempt("fidelity") {
                let f = try BellTest.fidelity(to: .phiPlus, horizontalVertical: counts[0], diagonalAntidiagonal: counts[1],
                                              rightLeft: counts[2])
                findings.figures.append(Figure(
                    key: "fidelity-phi-plus", name: "fidelity to |Φ+>", value: f.value, standardError: f.standardError,
                    method: "F = (1 + E_HV + E_DA − E_RL)/4 from the same-basis correlations; Poisson errors in quadrature"))
            }
            attempt("CHSH") {
                let s = try BellTest.chsh(ab: counts[3], abPrime: counts[4], aPrimeB: counts[5], aPrimeBPrime: counts[6])
                findings.figures.append(Figure(
                    key: "chsh-s", name: "CHSH S (a=0°, a′=45°, b=22.5°, b′=67.5°)", value: s.value,
                    standardError: s.standardError,
                    method: "S = E(a,b) − E(a,b′) + E(a′,b) + E(a′,b′) (Clauser et al., PRL 23, 880 (1969)); Poisson errors of each E in quadrature"))
                if s.standardError > 0 {
                    findings.figures.append(Figure(
                        key: "chsh-violation-sigma", name: "CHSH violation (S − 2) in standard errors",
                        value: (s.value - 2) / s.standardError, standardError: 0, unit: "σ",
                        method: "(S − 2)/σ_S"))
                }
            }
        case .tomography16, .tomography36:
            attempt("tomography") { try tomography(definition: definition, planned: planned, counts: counts, into: &findings) }
        case .bbm92:
            attempt("BBM92") {
                let cycles = counts.reduce(0) { $0 + $1.triggerCycles }
                let result = try BBM92.analyze(
                    accumulator.detections, triggerCycles: max(cycles, accumulator.detections.count, 1),
                    acquisitionTimeSeconds: boardSeconds > 0 ? boardSeconds : nil,
                    assumptions: BBM92.Assumptions(errorCorrectionInefficiency: definition.errorCorrectionInefficiency))
                let binomial = "errors/sifted bits; binomial error √(e(1−e)/n)"
                findings.figures.append(Figure(key: "qber-hv", name: "QBER, H/V basis", value: result.qberRectilinear.value,
                                               standardError: result.qberRectilinear.standardError, method: binomial))
                findings.figures.append(Figure(key: "qber-da", name: "QBER, D/A basis", value: result.qberDiagonal.value,
                                               standardError: result.qberDiagonal.standardError, method: binomial))
                let sifted = Double(result.siftedRectilinear + result.siftedDiagonal)
                findings.figures.append(Figure(key: "sifted-bits", name: "sifted bits (both bases)", value: sifted,
                                               standardError: sifted.squareRoot(), method: "detections with equal bases; Poisson error"))
                findings.figures.append(Figure(
                    key: "secret-fraction", name: "secret fraction r = 1 − f·h(e_bit) − h(e_phase)", value: result.secretFraction,
                    standardError: result.secretFractionStandardError,
                    method: "asymptotic BBM92 key fraction (Shor & Preskill, PRL 85, 441 (2000)), f = \(definition.errorCorrectionInefficiency), no finite-size correction; error: the QBERs' binomial errors propagated to first order"))
                if let rate = result.secretKeyRateBitsPerSecond, let rateError = result.secretKeyRateStandardErrorBitsPerSecond {
                    findings.figures.append(Figure(
                        key: "secret-key-rate", name: "secret key rate", value: rate, standardError: rateError, unit: "bit/s",
                        method: "r × sifted H/V bits per board second; error: r's (from the QBERs) and the sifted count's Poisson error in quadrature"))
                }
            }
        case .g2:
            findings.hbtPeaks = accumulator.hbtPeaks
            for (arm, name) in ["a", "b"].enumerated() {
                attempt("g2(0) arm \(name.uppercased())") {
                    let peaks = accumulator.hbtPeaks[arm]
                    let k = definition.sidePeaks
                    let sides = peaks.enumerated().filter { $0.offset != k }.map { Double($0.element) }
                    let g2 = try PulsedG2.estimate(centrePeak: Double(peaks[k]), sidePeaks: sides)
                    findings.figures.append(Figure(
                        key: "g2-zero-\(name)", name: "g2(0), arm \(name.uppercased()) (HBT on its two detectors)",
                        value: g2.value, standardError: g2.standardError,
                        method: "centre peak / mean of \(2 * k) side peaks (Santori et al., Nature 419, 594 (2002)); Poisson errors"))
                }
            }
        case .gateDelayScan:
            scanFigures(definition: definition, counts: counts, into: &findings)
        }
        return findings
    }

    static let correlationMethod = "|E| with E = (N++ + N−− − N+− − N−+)/N; Poisson error √((1 − E²)/N)"

    static func tomography(definition: ExperimentDefinition, planned: [PlannedSetting], counts: [SettingCounts],
                           into findings: inout ExperimentFindings) throws(AnalysisError) {
        var measurements: [TomographyMeasurement] = []
        if definition.kind == .tomography36 {
            var pairs: [(AnalyzerBasis, AnalyzerBasis, SettingCounts)] = []
            for (setting, count) in zip(planned, counts) {
                pairs.append((analyzerBasis(setting.basisA ?? "HV"), analyzerBasis(setting.basisB ?? "HV"), count))
            }
            measurements = try TomographySettings.measurements(basisPairs: pairs)
        } else {
            for (setting, count) in zip(planned, counts) {
                let basisA = analyzerBasis(setting.basisA ?? "HV"), basisB = analyzerBasis(setting.basisB ?? "HV")
                let outA = setting.outputA ?? 0, outB = setting.outputB ?? 0
                let projectionA = outA == 0 ? try basisA.plus() : try basisA.minus()
                let projectionB = outB == 0 ? try basisB.plus() : try basisB.minus()
                let n = count.coincidences[DetectorPair(outA == 0 ? .plus : .minus, outB == 0 ? .plus : .minus)]
                measurements.append(TomographyMeasurement(projectionA: projectionA, projectionB: projectionB,
                                                          counts: Double(n), accidentals: 0,
                                                          relativeExposure: Double(max(count.triggerCycles, 1))))
            }
        }
        let certificate = try StateTomography.certify(measurements, samples: tomographySamples, seed: definition.seed)
        let mc = "maximum-likelihood state (James et al., PRA 64, 052312 (2001)); error: std. dev. over \(tomographySamples) Poisson-resampled reconstructions"
        let fidelity = certificate.fidelity(to: .phiPlus)
        findings.figures.append(Figure(key: "tomography-fidelity-phi-plus", name: "fidelity to |Φ+> (tomography)",
                                       value: fidelity.value, standardError: fidelity.standardError, method: mc))
        findings.figures.append(Figure(key: "concurrence", name: "concurrence (Wootters)", value: certificate.concurrence.value,
                                       standardError: certificate.concurrence.standardError, method: mc))
        findings.figures.append(Figure(key: "purity", name: "purity Tr ρ²", value: certificate.purity.value,
                                       standardError: certificate.purity.standardError, method: mc))
        findings.figures.append(Figure(key: "maximal-chsh", name: "largest CHSH S of the state (Horodecki)",
                                       value: certificate.maximalCHSH.value,
                                       standardError: certificate.maximalCHSH.standardError, method: mc))
        let matrix = certificate.state.matrix
        findings.densityMatrixReal = (0..<4).map { r in (0..<4).map { c in matrix.entries[r * 4 + c].real } }
        findings.densityMatrixImaginary = (0..<4).map { r in (0..<4).map { c in matrix.entries[r * 4 + c].imaginary } }
    }

    /// The analysis's basis for a canonical basis name.
    static func analyzerBasis(_ name: String) -> AnalyzerBasis {
        (AnalyzerBasis(name: name) ?? .horizontalVertical).canonical
    }

    /// Photon arrival from the scan: with gate width w, a photon at t is counted at every delay d
    /// with d ≤ t < d + w, so the background-subtracted centroid of the delays is t − w/2 + (step
    /// quantization); arrival = centroid + w/2. Background: the median singles of the steps.
    static func scanFigures(definition: ExperimentDefinition, counts: [SettingCounts], into findings: inout ExperimentFindings) {
        let delays = definition.scan?.delays ?? []
        let singles = counts.map(\.totalSingles)
        findings.scanDelaysNanoseconds = delays.map(\.nanoseconds)
        findings.scanSingles = singles
        guard !singles.isEmpty, singles.count == delays.count else {
            findings.notes.append("gate-delay scan: no steps ran")
            return
        }
        let background = Double(singles.sorted()[singles.count / 2])
        var weight = 0.0, moment = 0.0
        for (delay, count) in zip(delays, singles) {
            let excess = max(0, Double(count) - background)
            weight += excess
            moment += excess * Double(delay.nanoseconds)
        }
        guard weight > 0 else {
            findings.notes.append("gate-delay scan: no step rose above the background of \(Int(background)) clicks; no photons found")
            return
        }
        let step = Double(definition.scan?.step.nanoseconds ?? 1)
        let arrival = moment / weight + Double(definition.timing.gateWidth.nanoseconds) / 2
        findings.figures.append(Figure(
            key: "photon-arrival-delay", name: "photon arrival after the trigger's rising edge", value: arrival,
            standardError: step / 12.0.squareRoot(), unit: "ns",
            method: "background-subtracted centroid of the gate delays plus half the gate width; error: scan step/√12 (quantization)"))
        if let best = zip(delays, singles).max(by: { $0.1 < $1.1 }) {
            findings.figures.append(Figure(key: "best-gate-delay", name: "gate delay with the most clicks",
                                           value: Double(best.0.nanoseconds), standardError: step / 2, unit: "ns",
                                           method: "step of the scan with the most singles; error: half a step"))
        }
    }
}
