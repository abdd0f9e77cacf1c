/// The one rule that turns a cycle's clicks into counts — used by the firmware's live tally and by
/// every recount of a click record, so the two always agree.
///
/// Every click is a single of its detector. A pair (arm-A detector, arm-B detector) counts one
/// coincidence in a cycle when both clicked and, in window mode, their first clicks of the cycle
/// lie at most `windowNanoseconds` apart; in gate mode the cycle itself is the window (DESIGN.md
/// section 9). A cycle in which both detectors of an arm clicked is counted as a double click.
/// Gate mode's accidentals, from the pairs a cycle makes with its neighbours, are counted by
/// `SideCycleTally`.
public struct CoincidenceRule: Sendable, Hashable {
    /// Window or gate.
    public var mode: CoincidenceMode
    /// The largest separation of two first clicks that still coincide, in nanoseconds (window mode).
    public var windowNanoseconds: Int64
    /// Whether the cycle is the window (gate mode): then only which detectors clicked matters.
    @usableFromInline let sameCycleSuffices: Bool

    /// The rule of `mode`, with a coincidence window of `windowNanoseconds` in window mode.
    @inlinable
    public init(mode: CoincidenceMode = .window, windowNanoseconds: Int64) {
        self.mode = mode
        self.windowNanoseconds = windowNanoseconds
        if case .gate = mode { sameCycleSuffices = true } else { sameCycleSuffices = false }
    }

    /// Whether `pair` coincides among `clicks`.
    @inlinable @inline(__always)
    public func coincide(_ pair: DetectorPair, in clicks: CycleClicks) -> Bool {
        guard let a = clicks.firstClickNanoseconds(of: pair.channelA),
              let b = clicks.firstClickNanoseconds(of: pair.channelB) else { return false }
        if sameCycleSuffices { return true }
        let separation = a - b
        return separation <= windowNanoseconds && separation >= -windowNanoseconds
    }

    /// Adds one closed cycle's `clicks` to `counts`: singles, double clicks and coincidences (not
    /// the cycle itself: cycles are counted when they run, clicks or none).
    @inlinable @inline(__always)
    public func count(_ clicks: CycleClicks, into counts: inout SettingCounts) {
        // Written out per detector and pair rather than over `allCases`, which would build an array.
        // The sums wrap: counts of clicks and cycles never reach 2⁶³, and this runs for every
        // closed cycle with clicks, in the firmware's loop and the live analysis (no overflow tests).
        counts.singles[.aPlus] &+= clicks.count(of: .aPlus)
        counts.singles[.aMinus] &+= clicks.count(of: .aMinus)
        counts.singles[.bPlus] &+= clicks.count(of: .bPlus)
        counts.singles[.bMinus] &+= clicks.count(of: .bMinus)
        if clicks.hasDoubleClick { counts.doubleClickCycles &+= 1 }
        guard clicks.bothArmsClicked else { return }
        if coincide(.plusPlus, in: clicks) { counts.coincidences[.plusPlus] &+= 1 }
        if coincide(.plusMinus, in: clicks) { counts.coincidences[.plusMinus] &+= 1 }
        if coincide(.minusPlus, in: clicks) { counts.coincidences[.minusPlus] &+= 1 }
        if coincide(.minusMinus, in: clicks) { counts.coincidences[.minusMinus] &+= 1 }
    }
}
