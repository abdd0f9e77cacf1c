public import Experiments
import Foundation

/// The certified figures as short terminal lines: "CHSH S  2.412 ± 0.031".
public enum ExperimentSummary {
    /// One line per figure, then one per note.
    public static func text(_ findings: ExperimentFindings) -> String {
        var lines: [String] = []
        for figure in findings.figures {
            let unit = figure.unit.isEmpty ? "" : " \(figure.unit)"
            let error = figure.standardError > 0 ? " ± \(format(figure.standardError))" : ""
            lines.append("  \(figure.name): \(format(figure.value))\(error)\(unit)")
        }
        for note in findings.notes { lines.append("  note: \(note)") }
        return lines.joined(separator: "\n")
    }

    /// Four significant digits, plainly.
    static func format(_ value: Double) -> String { String(format: "%.4g", value) }
}
