/// The four detector channels of a station: the + and − outputs of the polarizing beam splitter
/// in arm A (biexciton photon, XX) and arm B (exciton photon, X).
///
/// The raw values are the channel numbers used in time-tag streams (`TimeTag.channel`).
public enum DetectorChannel: Int, CaseIterable, Sendable, Hashable, CustomStringConvertible {
    /// Arm A, + output (transmitted port: H in the H/V basis, D in D/A, R in R/L).
    case aPlus = 0
    /// Arm A, − output (reflected port: V, A or L).
    case aMinus = 1
    /// Arm B, + output.
    case bPlus = 2
    /// Arm B, − output.
    case bMinus = 3

    public var description: String {
        switch self {
        case .aPlus: "A+"
        case .aMinus: "A−"
        case .bPlus: "B+"
        case .bMinus: "B−"
        }
    }
}
