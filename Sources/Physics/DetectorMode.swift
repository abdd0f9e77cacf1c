/// Whether a detector counts only while its gate line is high or all the time.
public enum DetectorMode: String, Hashable, Sendable {
    /// Clicks (photons and dark counts alike) only while the gate is open. Station-file value `gated`.
    case gated
    /// Ignores the gate. Station-file value `free-running`.
    case freeRunning = "free-running"
}
