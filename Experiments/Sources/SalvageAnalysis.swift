import Analysis
public import Firmware

/// What is known of a salvaged record's run (`qdot analyze --salvage`): its schedule, and the
/// complete cycles before the cut, every click of which is in the file.
public struct SalvageContext: Sendable {
    /// The schedule the run was to follow.
    public var schedule: CycleSchedule
    /// Cycles of each setting among the complete cycles analysed.
    public var cyclesPerSetting: [Int]
    /// Complete cycles analysed, 0 ..< this.
    public var cyclesAnalysed: Int64

    /// A context.
    public init(schedule: CycleSchedule, cyclesPerSetting: [Int], cyclesAnalysed: Int64) {
        self.schedule = schedule
        self.cyclesPerSetting = cyclesPerSetting
        self.cyclesAnalysed = cyclesAnalysed
    }

    /// "the N complete cycles analysed", for the reasons.
    public var span: String { "the \(cyclesAnalysed) complete cycles analysed" }

    /// Why a per-second figure is left out of a salvaged analysis.
    public static let needsBoardTime = "needs the board time the run covered, which only the end record holds; cycles × period is a lower bound on it, so a rate from it would only be an upper bound"
}

/// The figures of a salvaged record's counts, decided figure by figure.
///
/// Without an end record the board time and the cycles run are unknown (the run ran at least as
/// many cycles as its clicks show); the complete cycles before the last one seen are known exactly,
/// with every click. So:
/// - figures from counts alone (visibilities, fidelity, CHSH, tomography, QBERs, sifted bits, secret
///   fraction, g2(0) from its side peaks, the histogram) are computed as usual over those cycles;
///   tomography's relative exposures are their settings' cycles, exact for that span;
/// - per-second figures (coincidence rate, secret key rate) are left out — the board time is in the
///   end record, and cycles × period is only a lower bound on it, so a rate from it would be an
///   upper bound — and given per trigger cycle instead, which is exact for the cycles analysed;
/// - what a kind needs from every cycle of the schedule (a gate-delay scan's arrival) is left out
///   unless all of it ran.
public enum SalvageAnalysis {
    /// The findings of `accumulator` (finished, over the complete cycles of `salvage`) and what was
    /// done with each figure.
    public static func findings(experiment: ExperimentDefinition, accumulator: ExperimentAccumulator,
                                salvage: SalvageContext) -> (findings: ExperimentFindings,
                                                             treatments: [SalvageInfo.FigureTreatment]) {
        // Board seconds 0: the per-second figures are not made.
        var findings = ExperimentAnalysis.findings(experiment: experiment, schedule: salvage.schedule,
                                                   accumulator: accumulator, boardSeconds: 0)
        let kind = experiment.kind
        var treatments = kind.removeFiguresNeedingTheWholeRun(from: &findings, salvage: salvage)
        for figure in findings.figures {
            let reason = "from the counts of \(salvage.span), as for a whole record; needs neither the cycles run nor the board time"
            treatments.append(.init(figure: figure.key, treatment: .computed, reason: reason + kind.salvageNote(for: figure.key)))
        }
        if salvage.cyclesAnalysed > 0 {
            let n = Double(accumulator.totalCoincidences), cycles = Double(salvage.cyclesAnalysed)
            findings.figures.append(Figure(
                key: .coincidencesPerCycle, name: "coincidences per trigger cycle (all settings)", value: n / cycles,
                standardError: n.squareRoot() / cycles,
                method: "coincidences within the window per complete trigger cycle analysed; Poisson error √N/cycles; "
                    + "times the trigger rate it is the coincidence rate if no trigger slot was missed",
                interval: try? ConfidenceInterval.poissonScore(count: n).scaled(by: 1 / cycles)))
            treatments.append(.init(figure: .coincidencesPerCycle, treatment: .perCycle,
                                    reason: "exact over \(salvage.span): their clicks are all in the file"))
        }
        treatments.append(.init(figure: .coincidenceRate, treatment: .leftOut,
                                reason: SalvageContext.needsBoardTime + "; coincidences-per-cycle is given instead"))
        let data = ExperimentData(experiment: experiment, schedule: salvage.schedule, accumulator: accumulator, boardSeconds: 0)
        treatments += kind.perCycleFigures(data, salvage: salvage, into: &findings)
        return (findings, treatments)
    }
}
