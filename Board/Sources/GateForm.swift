/// How a board gates its detectors: exactly one of the two forms per board.
public enum GateForm: String, Sendable, Hashable {
    /// One `gate` line shared by all four detectors.
    case shared
    /// Four lines, `gate-a-plus`, `gate-a-minus`, `gate-b-plus`, `gate-b-minus`, one per detector.
    case perDetector = "per-detector"
}
