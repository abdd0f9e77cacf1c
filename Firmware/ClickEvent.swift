public import Vocabulary
public import HAL

/// One detector click as the cycle loop hands it to analysis: which cycle it belongs to, which
/// setting and basis codes that cycle ran with, which detector, and when (board time).
///
/// The per-cycle basis codes ride with every click so that a BBM92 run (bases drawn at random
/// each cycle) can be sifted from the clicks alone.
public struct ClickEvent: Sendable, Hashable {
    /// Index of the trigger cycle in the run, from 0.
    public var cycle: Int64
    /// Index of the schedule step (setting) the cycle belonged to.
    public var setting: Int
    /// The detector that clicked.
    public var channel: DetectorChannel
    /// The basis codes on the basis-select lines during the cycle.
    public var codes: BasisCodes
    /// The click's rising edge, as the backend stamped it.
    public var timestamp: Instant

    /// A click event.
    public init(cycle: Int64, setting: Int, channel: DetectorChannel, codes: BasisCodes, timestamp: Instant) {
        self.cycle = cycle
        self.setting = setting
        self.channel = channel
        self.codes = codes
        self.timestamp = timestamp
    }
}
