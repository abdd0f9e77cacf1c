/// Whether the controller drives a line or reads it.
public enum LineDirection: String, Sendable, Hashable {
    /// The controller drives it (trigger, gates, basis select, status).
    case output
    /// The controller reads time-stamped edges on it (detector clicks, interlock).
    case input
}
