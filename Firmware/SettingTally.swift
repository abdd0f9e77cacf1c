/// What one setting of an experiment counted: cycles, singles per detector, coincidences
/// between the arms.
public struct SettingTally: Sendable, Hashable, Codable {
    /// The setting's label from the schedule.
    public var label: String
    /// The basis codes the setting drove.
    public var codes: BasisCodes
    /// Trigger cycles run with this setting.
    public var cycles: Int = 0
    /// Clicks per detector, in `DetectorChannel` order (A+, A−, B+, B−).
    public var singles: [Int] = [0, 0, 0, 0]
    /// Per-cycle coincidences within the window: [A+B+, A+B−, A−B+, A−B−].
    public var coincidences: [Int] = [0, 0, 0, 0]
    /// Cycles in which both detectors of one arm clicked (multi-photon or dark counts).
    public var doubleClickCycles: Int = 0

    /// An empty tally.
    public init(label: String, codes: BasisCodes) {
        self.label = label
        self.codes = codes
    }

    /// All coincidences of the setting.
    public var totalCoincidences: Int { coincidences.reduce(0, +) }
}
