/// The four detector channels of a station, numbered as the click lines are.
public enum DetectorChannel: Int, CaseIterable, Hashable, Sendable {
    /// Arm A (XX photon), + output of its PBS.
    case aPlus = 0
    /// Arm A, − output.
    case aMinus = 1
    /// Arm B (X photon), + output.
    case bPlus = 2
    /// Arm B, − output.
    case bMinus = 3

    /// The channel's section name in the station file (`a-plus`, …).
    public var stationKey: String {
        switch self {
        case .aPlus: "a-plus"
        case .aMinus: "a-minus"
        case .bPlus: "b-plus"
        case .bMinus: "b-minus"
        }
    }
}
