/// Which HAL backend drives a board.
public enum BoardBackend: String, Sendable, Hashable, CaseIterable {
    /// The cycle-accurate simulated board (tests, CI, dry runs).
    case simulated
    /// Real GPIO through libgpiod on Linux.
    case linux
}
