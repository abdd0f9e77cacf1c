public import HAL

/// One edge-event input line to request: its name on the chip, polarity and bias.
public struct EdgeInputLineSpec: Hashable, Sendable {
    /// The line's name, as gpioinfo prints it (for example `GPIO5`).
    public var name: String
    /// Whether the line is active when electrically low (edges and values are then logical).
    public var activeLow: Bool
    /// The pull the line is requested with.
    public var bias: LineBias

    /// An input line; by default active-high with the chip's bias left as is.
    public init(name: String, activeLow: Bool = false, bias: LineBias = .asIs) {
        self.name = name
        self.activeLow = activeLow
        self.bias = bias
    }
}
