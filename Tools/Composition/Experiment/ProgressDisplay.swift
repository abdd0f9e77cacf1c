import Foundation

/// One line of progress on the terminal for runs longer than a second: cycles done, rate, ETA and
/// the live coincidence rate. Silent unless standard error is a terminal.
public final class ProgressDisplay: @unchecked Sendable {
    let plannedCycles: Int
    let periodSeconds: Double
    let started = ContinuousClock.now
    var lastPrint: ContinuousClock.Instant?
    var printed = false
    let enabled: Bool

    /// A display for a run of `plannedCycles` cycles of `periodSeconds`; `force` shows it even
    /// when standard error is not a terminal.
    public init(plannedCycles: Int, periodSeconds: Double, force: Bool = false) {
        self.plannedCycles = plannedCycles
        self.periodSeconds = periodSeconds
        enabled = force || isatty(STDERR_FILENO) == 1
    }

    /// Shows the state after `cycles` cycles (at most five times a second, from the first second on).
    func update(cycles: Int, coincidences: Int) {
        guard enabled else { return }
        let now = ContinuousClock.now
        let elapsed = (now - started).inSeconds
        guard elapsed >= 1, lastPrint.map({ (now - $0).inSeconds >= 0.2 }) ?? true else { return }
        lastPrint = now
        printed = true
        let rate = Double(cycles) / elapsed
        let eta = rate > 0 ? Double(plannedCycles - cycles) / rate : 0
        let board = Double(cycles) * periodSeconds
        let coincidenceRate = board > 0 ? Double(coincidences) / board : 0
        let percent = plannedCycles > 0 ? 100 * Double(cycles) / Double(plannedCycles) : 100
        let line = String(format: "\r  %d/%d cycles (%.0f%%)  %.2f M cycles/s  ETA %.0f s  coincidences %.0f /s   ",
                          cycles, plannedCycles, percent, rate / 1e6, eta, coincidenceRate)
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// Ends the progress line, if one was shown.
    public func finish() {
        if printed { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
