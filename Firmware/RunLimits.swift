public import HAL
internal import Vocabulary

/// The largest times and run lengths qdot accepts from a file or the command line, so every
/// sum and product done with them afterwards stays far inside 64 bits (the simulator counts
/// board time in picoseconds: 2⁶³ ps is about 106 days).
public enum RunLimits {
    /// The longest time within one cycle — a trigger period, pulse width, gate delay or width, a
    /// coincidence window — 1 s, in nanoseconds.
    public static let longestCycleTimeNanoseconds = 1_000_000_000
    /// The most board time one run may take: 1 000 000 s (about 11.6 days), in seconds.
    public static let longestRunSeconds = 1_000_000
    /// `longestRunSeconds` as a time span.
    public static var longestRun: TimeSpan { .seconds(Int64(longestRunSeconds)) }

    /// The board time of `cycles` cycles of `period`, or nil when it would not fit in 64 bits.
    public static func boardTime(cycles: Int, period: TimeSpan) -> TimeSpan? {
        let (product, overflow) = Int64(cycles).multipliedReportingOverflow(by: period.nanoseconds)
        return overflow ? nil : .nanoseconds(product)
    }

    /// Why `cycles` cycles of `period` are too long a run, or nil when they fit in `longestRun`:
    /// "expected at most 1 000 000 s of board time, found 7 000 000 000 cycles of 10000 ns".
    public static func runLengthProblem(cycles: Int, period: TimeSpan) -> String? {
        if let time = boardTime(cycles: cycles, period: period), time <= longestRun { return nil }
        return "expected at most \(DigitGrouping.grouped(longestRunSeconds)) s of board time, found \(DigitGrouping.grouped(cycles)) cycles of \(period)"
    }
}
