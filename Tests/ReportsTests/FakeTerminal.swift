import Reports

/// A stand-in for the wall clock and standard error of a `ProgressDisplay`: the test sets the
/// elapsed seconds by hand and reads back every piece of text written, in order.
final class FakeTerminal {
    /// Wall-clock seconds since the run started, as the display will read them.
    var elapsedSeconds = 0.0
    /// Every piece of text written, one element per write.
    private(set) var writes: [String] = []

    /// A display reading this clock and writing here.
    func display(plannedCycles: Int, periodSeconds: Double, enabled: Bool = true) -> ProgressDisplay {
        ProgressDisplay(plannedCycles: plannedCycles, periodSeconds: periodSeconds, enabled: enabled,
                        elapsedSeconds: { self.elapsedSeconds }, write: { self.writes.append($0) })
    }
}
