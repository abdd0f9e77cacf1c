/// Where the controller is in its life: idle → armed → running → idle, or → safe / fault.
public enum ControllerState: Sendable, Hashable, CustomStringConvertible {
    /// Lines requested, outputs safe, nothing running.
    case idle
    /// Outputs safe, interlock checked closed, ready to run.
    case armed
    /// Running an experiment's cycles.
    case running
    /// Stopped because the interlock opened; outputs at their safe levels.
    case safe(reason: String)
    /// Stopped by a hardware error; outputs driven safe as far as the hardware allowed.
    case fault(reason: String)

    /// Whether the controller stopped for safety or a fault.
    public var isStopped: Bool {
        switch self {
        case .safe, .fault: return true
        default: return false
        }
    }

    public var description: String {
        switch self {
        case .idle: return "idle"
        case .armed: return "armed"
        case .running: return "running"
        case let .safe(reason): return "safe (\(reason))"
        case let .fault(reason): return "fault (\(reason))"
        }
    }
}
