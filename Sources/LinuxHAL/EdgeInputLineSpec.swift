public import HAL

/// One edge-event input line to request: its name on the chip, polarity, bias, the edges it
/// reports and the clock its edges are stamped with.
public struct EdgeInputLineSpec: Hashable, Sendable {
    /// The line's name, as gpioinfo prints it (for example `GPIO5`).
    public var name: String
    /// Whether the line is active when electrically low (edges and values are then logical).
    public var activeLow: Bool
    /// The pull the line is requested with.
    public var bias: LineBias
    /// The edges the kernel reports (logical: rising is inactive → active). A click line asks for
    /// `.rising` only: with `.both` the kernel reads the line's level to tell an edge's direction,
    /// microseconds late, and reports a pulse already over as a falling edge. On libgpiod 1.6,
    /// which gives no sequence numbers, a single-edge line's lost edges cannot be detected
    /// (`LostEdgeDetection`).
    public var edges: EdgeSelection
    /// The clock the kernel stamps the line's edges with (`EdgeEventClock` says which libgpiod
    /// accepts which, and why qdot refuses `.realtime`).
    public var eventClock: EdgeEventClock

    /// An input line; by default active-high with the chip's bias left as is, reporting both
    /// edges, stamped on CLOCK_MONOTONIC.
    public init(name: String, activeLow: Bool = false, bias: LineBias = .asIs, edges: EdgeSelection = .both,
                eventClock: EdgeEventClock = .monotonic) {
        self.name = name
        self.activeLow = activeLow
        self.bias = bias
        self.edges = edges
        self.eventClock = eventClock
    }
}
