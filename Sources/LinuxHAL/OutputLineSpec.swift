public import HAL

/// One output line to request: its name on the chip, polarity, first value and safe level.
public struct OutputLineSpec: Hashable, Sendable {
    /// The line's name, as gpioinfo prints it (for example `GPIO17`).
    public var name: String
    /// Whether the line is active when electrically low.
    public var activeLow: Bool
    /// The logical value the line is driven to when requested.
    public var initial: LineValue
    /// The logical value driven in the safe state and before the line is released.
    public var safe: LineValue

    /// An output line; by default active-high, starting and released at `.inactive`.
    public init(name: String, activeLow: Bool = false, initial: LineValue = .inactive, safe: LineValue = .inactive) {
        self.name = name
        self.activeLow = activeLow
        self.initial = initial
        self.safe = safe
    }
}
