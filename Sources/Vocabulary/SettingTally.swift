/// One setting of a run and what it counted: the schedule step's label and basis codes, and its
/// counts.
public struct SettingTally: Sendable, Hashable {
    /// The setting's label from the schedule ("HV/HV", "a=0.0° b=22.5°", "delay 300 ns").
    public var label: String
    /// The basis codes the setting drove (for a random-basis setting, the step's nominal codes).
    public var codes: BasisCodes
    /// What it counted.
    public var counts: SettingCounts

    /// A tally, empty unless `counts` is given.
    public init(label: String, codes: BasisCodes, counts: SettingCounts = SettingCounts()) {
        self.label = label
        self.codes = codes
        self.counts = counts
    }
}
