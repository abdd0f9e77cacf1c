import Foundation

/// One line of progress on the terminal for runs longer than a second: cycles done, rate, ETA and
/// the live coincidence rate, rewritten in place with `\r`.
///
///     12000/700000 cycles (1%)  0.01 M cycles/s  ETA 57 s  coincidences 1350 /s
///
/// Nothing is shown in the first second (`quietSeconds`), and at most one line every 0.2 s
/// (`secondsBetweenLines`). The rate and the ETA are in wall-clock seconds since the display was
/// made; the coincidence rate is per second of board time (cycles × trigger period), the rate the
/// source really delivers whatever the speed of the simulation. `finish(cycles:coincidences:)`
/// rewrites the line one last time with the final counts and ends it with a newline, but only if
/// a line was shown at all, so a short run leaves the terminal untouched.
///
/// Time and text go through what the maker gives it (a clock reading elapsed seconds, a sink for
/// the text), so a test can drive it with a fake clock and read every byte. It is used from one
/// thread at a time (the cycle loop's observer calls, then the end of the run).
public final class ProgressDisplay: @unchecked Sendable {
    /// Nothing is shown before this many seconds since the display was made.
    public static let quietSeconds = 1.0
    /// The least time between two lines: at most five a second.
    public static let secondsBetweenLines = 0.2

    let plannedCycles: Int
    let periodSeconds: Double
    let enabled: Bool
    let elapsedSeconds: () -> Double
    let write: (String) -> Void
    var lastLineSeconds: Double?
    var widestLine = 0

    /// A display for a run of `plannedCycles` trigger cycles of `periodSeconds` each.
    ///
    /// - Parameters:
    ///   - enabled: show anything at all; the caller decides, usually `standardErrorIsTerminal`
    ///     (a log file or a pipe gets no `\r`-rewritten lines).
    ///   - elapsedSeconds: wall-clock seconds since the run started; by default the continuous
    ///     clock, counted from this call.
    ///   - write: where the text goes; by default standard error.
    public init(plannedCycles: Int, periodSeconds: Double, enabled: Bool,
                elapsedSeconds: @escaping () -> Double = ProgressDisplay.continuousClockFromNow(),
                write: @escaping (String) -> Void = ProgressDisplay.writeToStandardError) {
        self.plannedCycles = plannedCycles
        self.periodSeconds = periodSeconds
        self.enabled = enabled
        self.elapsedSeconds = elapsedSeconds
        self.write = write
    }

    /// Whether standard error is a terminal (the corresponding C call is `isatty`).
    public static var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// Seconds on the continuous clock since the moment this is called.
    public static func continuousClockFromNow() -> () -> Double {
        let start = ContinuousClock.now
        return { (ContinuousClock.now - start).inSeconds }
    }

    /// Writes `text` to standard error, unbuffered.
    public static func writeToStandardError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Whether a line has been shown (and `finish` will end it).
    public var hasShownLine: Bool { lastLineSeconds != nil }

    /// Shows the state after `cycles` cycles with `coincidences` counted so far, if at least a
    /// second has passed and the last line is at least 0.2 s old. `coincidences` is read only when
    /// a line is shown (at most five times a second): the live pipeline counts them under the lock
    /// its consumer holds while draining, which the loop's thread should take no more than that.
    public func update(cycles: Int, coincidences: @autoclosure () -> Int) {
        guard enabled else { return }
        let elapsed = elapsedSeconds()
        guard elapsed >= Self.quietSeconds else { return }
        if let lastLineSeconds, elapsed - lastLineSeconds < Self.secondsBetweenLines { return }
        lastLineSeconds = elapsed
        show(ProgressLine(cycles: cycles, plannedCycles: plannedCycles, elapsedSeconds: elapsed,
                          coincidences: coincidences(), periodSeconds: periodSeconds, final: false))
    }

    /// Ends the progress line, if one was shown: the final counts (100 % and "done" for a complete
    /// run, "stopped" for one that ended early), whatever the rate limit, then a newline.
    public func finish(cycles: Int, coincidences: Int) {
        guard enabled, hasShownLine else { return }
        show(ProgressLine(cycles: cycles, plannedCycles: plannedCycles, elapsedSeconds: elapsedSeconds(),
                          coincidences: coincidences, periodSeconds: periodSeconds, final: true))
        write("\n")
    }

    /// Writes `line` over the previous one, padded with spaces to cover a longer earlier line.
    func show(_ line: ProgressLine) {
        let text = line.text
        let padding = String(repeating: " ", count: max(0, widestLine - text.count))
        widestLine = max(widestLine, text.count)
        write("\r" + text + padding)
    }
}
