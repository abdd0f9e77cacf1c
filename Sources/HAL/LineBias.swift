/// The pull an input line is requested with, as the board data gives it.
///
/// The corresponding libgpiod flags are `GPIOD_LINE_REQUEST_FLAG_BIAS_*` (1.6) and
/// `GPIOD_LINE_BIAS_*` (2.x).
public enum LineBias: String, Sendable, Hashable, CaseIterable {
    /// Leave the pull as the chip has it.
    case asIs = "as-is"
    /// No pull: the line floats unless driven (detector outputs that drive both ways).
    case disabled
    /// Pull up to the supply (an open-collector interlock loop, say).
    case pullUp = "pull-up"
    /// Pull down to ground.
    case pullDown = "pull-down"
}
