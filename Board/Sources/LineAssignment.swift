public import HAL

/// One role bound to one GPIO line: which chip and line, its polarity and bias or safe level.
///
/// Lines are addressed by chip label and line name, as `gpioinfo` prints them, never by number:
/// kernel 6.6 renumbered the Raspberry Pi's lines and broke code that used numbers.
public struct LineAssignment: Hashable, Sendable {
    /// The role this line plays.
    public var role: LineRole
    /// The chip's label (`pinctrl-bcm2711`, `qdot-sim`).
    public var chipLabel: String
    /// The line's name on that chip (`GPIO17`, `TRIGGER`).
    public var lineName: String
    /// Whether the line is active when electrically low; the backend applies it.
    public var isActiveLow: Bool
    /// For inputs, the pull to request (default `.asIs`); nil for outputs.
    public var bias: LineBias?
    /// For outputs, the logical level driven in the safe state (default `.inactive`); nil for inputs.
    public var safeLevel: LineValue?
    /// The 1-based line of the `[line.ROLE]` header in the board file it came from.
    public var sourceLine: Int

    /// An assignment; `bias` applies to inputs only, `safeLevel` to outputs only.
    public init(role: LineRole, chipLabel: String, lineName: String, isActiveLow: Bool = false,
                bias: LineBias? = nil, safeLevel: LineValue? = nil, sourceLine: Int) {
        self.role = role
        self.chipLabel = chipLabel
        self.lineName = lineName
        self.isActiveLow = isActiveLow
        self.bias = bias
        self.safeLevel = safeLevel
        self.sourceLine = sourceLine
    }

    /// Chip and line as one name for messages and `HardwareError.line`: `qdot-sim/TRIGGER`.
    public var qualifiedName: String { "\(chipLabel)/\(lineName)" }
}
