import Analysis
import Firmware
import Foundation
public import HAL

/// The figures of a salvaged run record (`qdot analyze --salvage`), decided figure by figure.
///
/// Without an end record the board time and the cycles run are unknown (the run ran at least
/// `cyclesSeen` cycles); the complete cycles before the last one seen are known exactly, with every
/// click. So:
/// - figures from counts alone (visibilities, fidelity, CHSH, tomography, QBERs, sifted bits, secret
///   fraction, g2(0) from its side peaks, the histogram) are computed as usual over those cycles;
///   tomography's relative exposures are their settings' cycles, exact for that span;
/// - per-second figures (coincidence rate, secret key rate) are left out — the board time is in the
///   end record, and cycles × period is only a lower bound on it, so a rate from it would be an
///   upper bound — and given per trigger cycle instead, which is exact for the cycles analysed;
/// - the gate-delay scan's arrival needs every step over its full cycles: left out unless all ran.
public enum SalvageAnalysis {
    /// The findings of `salvaged`, with `SalvageInfo` saying what each figure is. A record with its
    /// end record gives exactly `ExperimentRun.analyze`'s findings (nothing salvaged, no `salvage`).
    public static func findings(_ salvaged: SalvagedRunRecord, coincidenceWindow: TimeSpan? = nil) -> ExperimentFindings {
        let record = salvaged.record
        guard !salvaged.hasEndRecord else { return ExperimentRun.analyze(record, coincidenceWindow: coincidenceWindow) }
        let (experiment, accumulator) = ExperimentRun.accumulate(record, coincidenceWindow: coincidenceWindow)
        // Board seconds 0: the per-second figures are not made.
        var findings = ExperimentAnalysis.findings(definition: experiment, accumulator: accumulator, boardSeconds: 0)
        let cyclesAnalysed = salvaged.cyclesAnalysed
        let span = "the \(cyclesAnalysed) complete cycles analysed"
        var treatments: [SalvageInfo.FigureTreatment] = []

        if experiment.kind == .gateDelayScan, cyclesAnalysed < Int64(record.header.schedule.totalCycles) {
            let whole = zip(record.cyclesPerSetting, record.header.schedule.steps).filter { $0.0 == $0.1.cycles }.count
            for key in ["photon-arrival-delay", "best-gate-delay"] {
                treatments.append(.init(figure: key, treatment: "left out",
                                        reason: "the scan compares every step's singles over its full cycles; only \(whole) of \(record.header.schedule.steps.count) steps ran completely before the cut"))
            }
            findings.figures.removeAll { $0.key == "photon-arrival-delay" || $0.key == "best-gate-delay" }
        }
        for figure in findings.figures {
            var reason = "from the counts of \(span), as for a whole record; needs neither the cycles run nor the board time"
            if figure.key.hasPrefix("g2-zero") { reason += " (centre peak over the mean side peak: no rate normalisation)" }
            if experiment.kind == .tomography16 {
                reason += "; relative exposures are each setting's cycles among them, from the schedule: exact"
            }
            treatments.append(.init(figure: figure.key, treatment: "computed", reason: reason))
        }

        let board = "needs the board time the run covered, which only the end record holds; cycles × period is a lower bound on it, so a rate from it would only be an upper bound"
        if cyclesAnalysed > 0 {
            let n = Double(accumulator.totalCoincidences), cycles = Double(cyclesAnalysed)
            findings.figures.append(Figure(
                key: "coincidences-per-cycle", name: "coincidences per trigger cycle (all settings)", value: n / cycles,
                standardError: n.squareRoot() / cycles,
                method: "coincidences within the window per complete trigger cycle analysed; Poisson error √N/cycles; "
                    + "times the trigger rate it is the coincidence rate if no trigger slot was missed"))
            treatments.append(.init(figure: "coincidences-per-cycle", treatment: "per trigger cycle instead",
                                    reason: "exact over \(span): their clicks are all in the file"))
        }
        treatments.append(.init(figure: "coincidence-rate", treatment: "left out",
                                reason: board + "; coincidences-per-cycle is given instead"))
        if experiment.kind == .bbm92 {
            if cyclesAnalysed > 0, let result = try? BBM92.analyze(
                accumulator.detections, triggerCycles: Int(cyclesAnalysed),
                assumptions: BBM92.Assumptions(errorCorrectionInefficiency: experiment.errorCorrectionInefficiency)) {
                let cycles = Double(cyclesAnalysed), keyBits = Double(result.siftedRectilinear)
                let fromFraction = keyBits / cycles * result.secretFractionStandardError
                let fromCount = result.secretFraction / cycles * keyBits.squareRoot()
                findings.figures.append(Figure(
                    key: "secret-key-bits-per-cycle", name: "secret key bits per trigger cycle", value: result.secretBitsPerCycle,
                    standardError: (fromFraction * fromFraction + fromCount * fromCount).squareRoot(), unit: "bit",
                    method: "r × sifted H/V bits per complete trigger cycle analysed; error: r's (from the QBERs) and the sifted count's Poisson error in quadrature"))
                treatments.append(.init(figure: "secret-key-bits-per-cycle", treatment: "per trigger cycle instead",
                                        reason: "exact over \(span)"))
            }
            treatments.append(.init(figure: "secret-key-rate", treatment: "left out",
                                    reason: board + "; secret-key-bits-per-cycle is given instead"))
        }
        findings.notes.append("click events the analysis ring dropped, if any, are counted only in a finished run's result; a salvaged record cannot say")
        findings.salvage = SalvageInfo(
            stoppedAtByteOffset: salvaged.stop?.offset ?? salvaged.intactBytes,
            stopReason: salvaged.stop?.message
                ?? "the file ends after its last whole record, with no end record: the run did not finish writing (a crash?)",
            fileBytes: salvaged.fileBytes, intactClicks: salvaged.intactClicks, cyclesRunAtLeast: salvaged.cyclesSeen,
            cyclesAnalysed: cyclesAnalysed, clicksAnalysed: record.clicks.count, clicksLeftOut: salvaged.clicksLeftOut,
            boardSecondsAtLeast: Double(cyclesAnalysed) * experiment.timing.triggerPeriod.seconds, figures: treatments)
        return findings
    }

    /// The salvage's lines for the terminal summary, each starting with two spaces.
    public static func summaryLines(_ info: SalvageInfo) -> [String] {
        var lines = [
            "  \(info.status): the record has no end record",
            "  stopped at    byte offset \(info.stoppedAtByteOffset) of \(info.fileBytes): \(info.stopReason)",
            "  cycles run    at least \(info.cyclesRunAtLeast) (the last intact click's cycle + 1: a LOWER bound; "
                + "cycles after it left no trace), board time at least \(ExperimentSummary.format(info.boardSecondsAtLeast)) s",
            "  analysed      "
                + (info.cyclesAnalysed > 0 ? "the \(info.cyclesAnalysed) complete cycles 0…\(info.cyclesAnalysed - 1)" : "no complete cycle")
                + " (\(info.clicksAnalysed) of \(info.intactClicks) intact clicks); clicks of the last "
                + "cycle seen left out: \(info.clicksLeftOut) (the cut may have taken some of that cycle's clicks)",
        ]
        for treatment in info.figures where treatment.treatment != "computed" {
            lines.append("  \(treatment.treatment == "left out" ? "left out" : "per cycle"): \(treatment.figure) — \(treatment.reason)")
        }
        return lines
    }
}
