/// What one analyzer setting counted: trigger cycles, clicks per detector, coincidences per
/// detector pair, cycles in which both detectors of one arm clicked, and, when known, the
/// accidental coincidences expected in each pair.
///
/// The firmware tallies it live, the experiment analysis recounts it from the click record, both
/// through `CoincidenceRule`; the analysis computes correlations and visibilities from it. A plain
/// value with inline storage, so the real-time loop can count into one in place.
public struct SettingCounts: Sendable, Hashable {
    /// Trigger cycles run with this setting.
    public var triggerCycles: Int
    /// Clicks per detector.
    public var singles: PerChannel<Int>
    /// Coincidences per detector pair.
    public var coincidences: PerPair<Int>
    /// Cycles in which both detectors of one arm clicked (multi-photon events or dark counts).
    public var doubleClickCycles: Int
    /// Gate mode: pairs with the side cycles ±1 … ±K, per pair (`SideCycleTally`); zero in window mode.
    public var sideCoincidences: PerPair<Int>
    /// Accidental coincidences expected in each pair, subtracted from the coincidences by the
    /// analysis when present and treated there as known constants (their own error is not
    /// propagated); nil when not known.
    public var accidentals: PerPair<Double>?

    /// Counts; everything zero by default.
    @inlinable
    public init(triggerCycles: Int = 0, singles: PerChannel<Int> = .zero, coincidences: PerPair<Int> = .zero,
                doubleClickCycles: Int = 0, sideCoincidences: PerPair<Int> = .zero, accidentals: PerPair<Double>? = nil) {
        self.triggerCycles = triggerCycles
        self.singles = singles
        self.coincidences = coincidences
        self.doubleClickCycles = doubleClickCycles
        self.sideCoincidences = sideCoincidences
        self.accidentals = accidentals
    }

    /// Every coincidence, over the four pairs.
    @inlinable
    public var totalCoincidences: Int { coincidences.sum }

    /// Every click, over the four detectors.
    @inlinable
    public var totalSingles: Int { singles.sum }

    /// Adds `right`'s cycles, singles, coincidences, double clicks and side pairs (accidentals are
    /// left as they are: they belong to one setting's measurement).
    @inlinable
    public static func += (left: inout SettingCounts, right: SettingCounts) {
        left.triggerCycles += right.triggerCycles
        left.singles += right.singles
        left.coincidences += right.coincidences
        left.doubleClickCycles += right.doubleClickCycles
        left.sideCoincidences += right.sideCoincidences
    }
}
