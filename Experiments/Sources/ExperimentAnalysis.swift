import Analysis
public import Firmware
import Vocabulary

/// Turns an experiment's counts into certified figures, each with its error and method: the
/// figures every kind has here, the kind's own from its `analyze`.
public enum ExperimentAnalysis {
    /// The findings of `accumulator` (finished), counted for `experiment` run with `schedule`,
    /// over `boardSeconds` of board time (0 when unknown: then no per-second figure is given).
    public static func findings(experiment: ExperimentDefinition, schedule: CycleSchedule,
                                accumulator: ExperimentAccumulator, boardSeconds: Double) -> ExperimentFindings {
        var findings = ExperimentFindings()
        findings.eventsAnalysed = accumulator.eventsSeen
        findings.correlationHistogram = accumulator.correlationHistogram
        findings.correlationHistogramRangeNanoseconds = accumulator.histogramRangeNanoseconds
        findings.settings = zip(schedule.steps, accumulator.settings).map { LabelledCounts(label: $0.label, counts: $1) }
        if boardSeconds > 0 {
            let n = Double(accumulator.totalCoincidences)
            findings.figures.append(Figure(
                key: .coincidenceRate, name: "coincidence rate (all settings)", value: n / boardSeconds,
                standardError: n.squareRoot() / boardSeconds, unit: "1/s",
                method: "coincidences within the window per board second; Poisson error √N/T",
                interval: try? ConfidenceInterval.poissonScore(count: n).scaled(by: 1 / boardSeconds)))
        }
        let data = ExperimentData(experiment: experiment, schedule: schedule, accumulator: accumulator,
                                  boardSeconds: boardSeconds)
        experiment.kind.analyze(data, into: &findings)
        if let sideCycles = experiment.timing.coincidenceMode.sideCycles {
            GateAccidentals.report(data, sideCycles: sideCycles, into: &findings)
        }
        return findings
    }

    /// How a visibility and its error are found, for the figures that report one.
    public static let correlationMethod = "|E| with E = (N++ + N−− − N+− − N−+)/N; Poisson error √((1 − E²)/N)"
}
