/// The four detector channels of a station: the + and − outputs of the polarizing beam splitter
/// in arm A (biexciton photon, XX) and arm B (exciton photon, X).
///
/// The raw values are the channel numbers everywhere a channel is a number: the click lines'
/// order, time-tag streams (`TimeTag.channel`) and the run record's channel byte.
public enum DetectorChannel: Int, CaseIterable, Sendable, Hashable, CustomStringConvertible, QuadrupleKey {
    /// Arm A, + output (transmitted port: H in the H/V basis, D in D/A, R in R/L).
    case aPlus = 0
    /// Arm A, − output (reflected port: V, A or L).
    case aMinus = 1
    /// Arm B, + output.
    case bPlus = 2
    /// Arm B, − output.
    case bMinus = 3

    /// The channel of `output` in `arm`.
    @inlinable
    public init(arm: AnalyzerArm, output: DetectorOutput) {
        switch (arm, output) {
        case (.a, .plus): self = .aPlus
        case (.a, .minus): self = .aMinus
        case (.b, .plus): self = .bPlus
        case (.b, .minus): self = .bMinus
        }
    }

    /// The arm the detector sits in.
    @inlinable
    public var arm: AnalyzerArm { rawValue >> 1 == 0 ? .a : .b }

    /// The beam-splitter output the detector sits on.
    @inlinable
    public var output: DetectorOutput { rawValue & 1 == 0 ? .plus : .minus }

    /// The name labs type: "A+", "A-", "B+", "B-" (ASCII, for terminal summaries and file names).
    public var label: String { ["A+", "A-", "B+", "B-"][rawValue] }

    /// The channel's section name in a station file: `a-plus`, `a-minus`, `b-plus`, `b-minus`.
    public var stationKey: String { "\(arm.rawValue)-\(output.rawValue)" }

    /// "A+", "A−", "B+", "B−" (with a true minus sign, for messages).
    public var description: String {
        switch self {
        case .aPlus: "A+"
        case .aMinus: "A−"
        case .bPlus: "B+"
        case .bMinus: "B−"
        }
    }
}
