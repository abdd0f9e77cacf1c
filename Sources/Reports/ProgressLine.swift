import Foundation

/// The figures of one progress line and their text. Every figure that cannot be computed (no
/// time elapsed yet, no cycle run, a period that is not a positive finite number) prints as
/// `--`, never as NaN or inf.
struct ProgressLine {
    /// Cycles run so far, and planned for the whole run.
    var cycles: Int
    var plannedCycles: Int
    /// Wall-clock seconds since the run started.
    var elapsedSeconds: Double
    /// Coincidences counted so far.
    var coincidences: Int
    /// The trigger period in seconds (board time per cycle).
    var periodSeconds: Double
    /// The last line of the run: "done" or "stopped" instead of the ETA.
    var final: Bool

    /// Cycles per wall-clock second, nil before any time has passed.
    var cyclesPerSecond: Double? {
        elapsedSeconds > 0 && elapsedSeconds.isFinite ? Double(cycles) / elapsedSeconds : nil
    }

    /// Whole per cent of the planned cycles run, rounded down (so 100 % means every cycle ran);
    /// 100 for a run of no planned cycles.
    var percentDone: Int {
        guard plannedCycles > 0 else { return 100 }
        return Int(max(0, min(100, (100 * Double(cycles) / Double(plannedCycles)).rounded(.down))))
    }

    /// Wall-clock seconds left at the present rate: 0 with no cycle left, nil while the rate is
    /// zero or unknown.
    var secondsLeft: Double? {
        let cyclesLeft = max(0, plannedCycles - cycles)
        if cyclesLeft == 0 { return 0 }
        guard let rate = cyclesPerSecond, rate > 0 else { return nil }
        return Double(cyclesLeft) / rate
    }

    /// Coincidences per second of board time (cycles × trigger period), nil before any board
    /// time has passed.
    var coincidencesPerBoardSecond: Double? {
        let boardSeconds = Double(cycles) * periodSeconds
        return boardSeconds > 0 && boardSeconds.isFinite ? Double(coincidences) / boardSeconds : nil
    }

    /// The line, without the leading `\r`.
    var text: String {
        let eta = final ? (cycles >= plannedCycles ? "done" : "stopped") : "ETA \(Self.fixed(secondsLeft, digits: 0)) s"
        return "  \(cycles)/\(plannedCycles) cycles (\(percentDone)%)"
            + "  \(Self.fixed(cyclesPerSecond.map { $0 / 1e6 }, digits: 2)) M cycles/s"
            + "  \(eta)"
            + "  coincidences \(Self.fixed(coincidencesPerBoardSecond, digits: 0)) /s"
    }

    /// `value` with `digits` decimals, or `--` when it is unknown or not finite.
    static func fixed(_ value: Double?, digits: Int) -> String {
        guard let value, value.isFinite else { return "--" }
        return String(format: "%.\(digits)f", value)
    }
}
