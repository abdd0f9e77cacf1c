public import Experiments
import Foundation

/// The certified figures as short terminal lines: "CHSH S  2.412 ± 0.031".
public enum ExperimentSummary {
    /// One line per figure, then one per note. A figure whose interval says something its ± error
    /// does not (`intervalIsNeeded`) shows the interval instead: "QBER, H/V basis: 0 (68 % interval
    /// 0 … 0.0018)".
    public static func text(_ findings: ExperimentFindings) -> String {
        var lines: [String] = []
        for figure in findings.figures {
            let unit = figure.unit.isEmpty ? "" : " \(figure.unit)"
            if let interval = figure.interval, intervalIsNeeded(figure) {
                let level = String(format: "%.0f %%", interval.confidenceLevel * 100)
                lines.append("  \(figure.name): \(format(figure.value))\(unit) (\(level) interval \(format(interval.lower)) … \(format(interval.upper))\(unit))")
            } else {
                let error = figure.standardError > 0 ? " ± \(format(figure.standardError))" : ""
                lines.append("  \(figure.name): \(format(figure.value))\(error)\(unit)")
            }
        }
        for note in findings.notes { lines.append("  note: \(note)") }
        return lines.joined(separator: "\n")
    }

    /// Whether value ± standard error would misread the figure's interval: an end of the interval
    /// is farther than 0.3 of its half width (or of σ, whichever is larger) from value ∓ σ. That is
    /// so at the edge of a range (a visibility of 1 ± 0, whose interval is [0.998, 1]), where the
    /// interval is skewed (a QBER of 0.001 from 1 000 bits) or clipped (a value just past the
    /// range), and not where the interval is the ±σ of a normal estimate (where they agree to a
    /// few per cent).
    static func intervalIsNeeded(_ figure: Figure) -> Bool {
        guard let interval = figure.interval else { return false }
        let sigma = figure.standardError
        let mismatch = max(abs(figure.value - sigma - interval.lower), abs(figure.value + sigma - interval.upper))
        let scale = max(sigma, (interval.upper - interval.lower) / 2)
        return mismatch > 0.3 * scale || scale == 0
    }

    /// Four significant digits, plainly.
    static func format(_ value: Double) -> String { String(format: "%.4g", value) }
}
