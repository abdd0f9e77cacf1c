public import Experiments

/// What a salvaged analysis is, for the terminal: where reading stopped, what is known of the cycles
/// run, what was analysed, and each figure left out or given per cycle.
public enum SalvageSummary {
    /// The salvage's lines for the terminal summary, each starting with two spaces.
    public static func lines(_ info: SalvageInfo) -> [String] {
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
        for treatment in info.figures where treatment.treatment != .computed {
            lines.append("  \(treatment.treatment == .leftOut ? "left out" : "per cycle"): \(treatment.figure) — \(treatment.reason)")
        }
        return lines
    }
}
