/// Which way an input line changed.
public enum EdgeKind: UInt8, Sendable, Hashable, CustomStringConvertible {
    /// Inactive → active (logical, after the line's polarity is applied).
    case rising = 1
    /// Active → inactive.
    case falling = 2

    public var description: String { self == .rising ? "rising" : "falling" }
}

/// One edge seen on an input line, stamped by the backend.
///
/// On Linux the kernel stamps the edge in its interrupt handler (CLOCK_MONOTONIC) and numbers it;
/// on the simulated board the board stamps it at the cycle the line changed.
public struct EdgeEvent: Hashable, Sendable, CustomStringConvertible {
    /// Rising or falling.
    public var kind: EdgeKind
    /// When the edge happened, on the board's timebase.
    public var timestamp: Instant
    /// The line that changed, as its index in the `EdgeInput` request (0 ..< `lineCount`).
    public var line: Int
    /// The backend's running number of this line's edges (the kernel's per-line sequence number),
    /// starting at 1. A jump of more than one between two events of a line means edges were lost.
    public var lineSequence: UInt64

    /// An edge event.
    @inlinable
    public init(kind: EdgeKind, timestamp: Instant, line: Int, lineSequence: UInt64) {
        self.kind = kind
        self.timestamp = timestamp
        self.line = line
        self.lineSequence = lineSequence
    }

    public var description: String { "\(timestamp) line \(line) \(kind) #\(lineSequence)" }
}
