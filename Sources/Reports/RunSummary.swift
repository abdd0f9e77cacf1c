public import Firmware
public import Records
import Vocabulary
import Foundation

/// The short human summary of a run, for the terminal.
public enum RunSummary {
    /// The summary's lines.
    public static func text(title: String, report: RunReport, wall: ResultDocument.WallClock?) -> String {
        var lines: [String] = [title]
        let duration = report.runDuration.seconds
        var cycles = "  cycles        \(report.cyclesRun) of \(report.cyclesPlanned) in \(format(duration, 6)) s board time"
        if let wall {
            cycles += ", \(format(wall.seconds, 3)) s wall (\(format(wall.speedVersusRealTime, 1))× real time, "
                + "\(format(wall.cyclesPerSecond / 1e6, 2)) M cycles/s)"
        }
        lines.append(cycles)
        lines.append("  state         \(report.finalState)\(report.complete ? "" : " — INCOMPLETE: \(report.stopReason?.description ?? "")")")
        let total = report.total
        lines.append("  singles       " + DetectorChannel.allCases.map { "\($0.label) \(total.singles[$0])" }.joined(separator: "  "))
        lines.append("  coincidences  " + DetectorPair.allCases.map { "\($0.label) \(total.coincidences[$0])" }.joined(separator: "  ")
            + "  (\(Self.coincidenceRule(report.timing)))")
        for tally in report.settings where report.settings.count > 1 {
            lines.append("    \(pad(tally.label, 12)) \(tally.counts.triggerCycles) cycles, singles \(tally.counts.singles), "
                + "coincidences \(tally.counts.coincidences)")
        }
        let budget = report.timingBudget
        lines.append("  lateness      p50 \(budget.latenessP50Nanoseconds) ns  p99 \(budget.latenessP99Nanoseconds) ns  "
            + "max \(budget.latenessMaximumNanoseconds) ns  overruns \(budget.overruns)  missed slots \(budget.missedSlots)")
        if report.lostEdges > 0 || report.clicksOutsideCycle > 0 {
            lines.append("  WARNING       \(report.lostEdges) edges lost by the backend, "
                + "\(report.clicksOutsideCycle) clicks outside their cycle")
        }
        return lines.joined(separator: "\n")
    }

    /// How coincidences were counted, for the summary: "window 5 ns", "gate: same cycle".
    public static func coincidenceRule(_ timing: CycleTiming) -> String {
        switch timing.coincidenceMode {
        case .window: "window \(timing.coincidenceWindow.nanoseconds) ns"
        case .gate(let sideCycles): "gate: same cycle, side cycles ±1…±\(sideCycles)"
        }
    }

    /// `value` with `decimals` digits after the point.
    public static func format(_ value: Double, _ decimals: Int) -> String {
        String(format: "%.\(decimals)f", value)
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
