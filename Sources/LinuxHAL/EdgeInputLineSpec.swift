public import HAL

/// One edge-event input line to request: its name on the chip, polarity, bias and the clock its
/// edges are stamped with.
public struct EdgeInputLineSpec: Hashable, Sendable {
    /// The line's name, as gpioinfo prints it (for example `GPIO5`).
    public var name: String
    /// Whether the line is active when electrically low (edges and values are then logical).
    public var activeLow: Bool
    /// The pull the line is requested with.
    public var bias: LineBias
    /// The clock the kernel stamps the line's edges with (`EdgeEventClock` says which libgpiod
    /// accepts which, and why qdot refuses `.realtime`).
    public var eventClock: EdgeEventClock

    /// An input line; by default active-high with the chip's bias left as is, stamped on CLOCK_MONOTONIC.
    public init(name: String, activeLow: Bool = false, bias: LineBias = .asIs, eventClock: EdgeEventClock = .monotonic) {
        self.name = name
        self.activeLow = activeLow
        self.bias = bias
        self.eventClock = eventClock
    }
}
