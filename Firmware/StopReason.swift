/// Why a run ended before its schedule did.
public enum StopReason: Sendable, Hashable, CustomStringConvertible {
    /// The interlock opened: the trigger stopped and every output went to its safe level.
    case interlockOpened
    /// A line write or an edge read failed; the text is the hardware error's.
    case hardwareFault(String)
    /// Someone asked the run to stop (Ctrl-C, SIGTERM, the `stop` signal).
    case stopRequested

    /// "interlock opened", "hardware fault: …", "stop requested" (the text results carry).
    public var description: String {
        switch self {
        case .interlockOpened: "interlock opened"
        case .hardwareFault(let error): "hardware fault: \(error)"
        case .stopRequested: "stop requested"
        }
    }
}
