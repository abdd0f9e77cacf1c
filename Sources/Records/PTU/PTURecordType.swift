/// The T2 record types qdot reads (`TTResultFormat_TTTRRecType`), each a 32-bit record format
/// documented by PicoQuant (docs/tagger-ptu.md has the bit layouts).
///
/// Two layouts: PicoHarp 300 (4-bit channel, 28-bit time tag) and the HydraHarp family
/// (special bit, 6-bit channel, 25-bit time tag), which the HydraHarp V1 and V2, TimeHarp 260 N
/// and P, MultiHarp and PicoHarp 330 share. They differ in the overflow period and in whether an
/// overflow record carries a count.
public enum PTURecordType: UInt32, CaseIterable, Sendable {
    /// PicoHarp 300, T2 (`rtPicoHarp300T2`, 0x00010203).
    case picoHarp300T2 = 0x0001_0203
    /// HydraHarp firmware V1, T2 (`rtHydraHarpT2`, 0x00010204): one overflow per overflow record.
    case hydraHarpV1T2 = 0x0001_0204
    /// HydraHarp firmware V2, T2 (`rtHydraHarp2T2`, 0x01010204): overflow records carry a count.
    case hydraHarpV2T2 = 0x0101_0204
    /// TimeHarp 260 N, T2 (`rtTimeHarp260NT2`, 0x00010205).
    case timeHarp260NT2 = 0x0001_0205
    /// TimeHarp 260 P, T2 (`rtTimeHarp260PT2`, 0x00010206).
    case timeHarp260PT2 = 0x0001_0206
    /// MultiHarp, PicoHarp 330 and generic T2 (`rtGenericT2`, 0x00010207).
    case genericT2 = 0x0001_0207

    /// The name PicoQuant's readers print, e.g. "HydraHarp V2 T2".
    public var name: String {
        switch self {
        case .picoHarp300T2: "PicoHarp 300 T2"
        case .hydraHarpV1T2: "HydraHarp V1 T2"
        case .hydraHarpV2T2: "HydraHarp V2 T2"
        case .timeHarp260NT2: "TimeHarp 260 N T2"
        case .timeHarp260PT2: "TimeHarp 260 P T2"
        case .genericT2: "MultiHarp/PicoHarp 330 (generic) T2"
        }
    }

    /// The code as PicoQuant's documents write it, e.g. "0x01010204".
    public var hexCode: String { PTUError.hex(rawValue) }

    /// The instrument's name as the `HW_Type` tag spells it.
    public var hardwareType: String {
        switch self {
        case .picoHarp300T2: "PicoHarp"
        case .hydraHarpV1T2, .hydraHarpV2T2: "HydraHarp"
        case .timeHarp260NT2: "TimeHarp260N"
        case .timeHarp260PT2: "TimeHarp260P"
        case .genericT2: "MultiHarp"
        }
    }

    /// The PicoHarp 300 layout (channel 4 bits, time tag 28 bits) rather than the HydraHarp
    /// family's (special 1, channel 6, time tag 25).
    public var isPicoHarpLayout: Bool { self == .picoHarp300T2 }

    /// Time-tag units added by one overflow: 210 698 240 (PicoHarp 300), 33 552 000 (HydraHarp
    /// V1), 2²⁵ = 33 554 432 (the others).
    public var overflowPeriodTicks: Int64 {
        switch self {
        case .picoHarp300T2: 210_698_240
        case .hydraHarpV1T2: 33_552_000
        default: 1 << 25
        }
    }

    /// One more than the largest value the time-tag field holds: 2²⁸ (PicoHarp 300), 2²⁵ (the
    /// HydraHarp family).
    public var timeTagFieldTicks: Int64 { isPicoHarpLayout ? 1 << 28 : 1 << 25 }

    /// Whether an overflow record's time-tag field holds the number of overflows it stands for
    /// (0 read as 1). PicoHarp 300 and HydraHarp V1 overflow records always stand for one.
    public var overflowRecordsCarryCount: Bool {
        switch self {
        case .picoHarp300T2, .hydraHarpV1T2: false
        default: true
        }
    }

    /// The largest photon input channel number (1-based) the layout can hold: 4 for PicoHarp 300
    /// (inputs 1–4; its channel 0 is the sync input), 64 for the HydraHarp family.
    public var maximumChannel: Int { isPicoHarpLayout ? 4 : 64 }

    /// Whether `PTUWriter` writes this type (the HydraHarp family; PicoHarp 300 is read only).
    public var isWritable: Bool { !isPicoHarpLayout }

    /// What a record-type code that is not a supported T2 type is, for the refusal: the T3 types
    /// by name, anything else as unknown.
    public static func describeUnsupported(code: UInt32) -> String {
        let t3: [UInt32: String] = [
            0x0001_0303: "PicoHarp 300 T3", 0x0001_0304: "HydraHarp V1 T3", 0x0101_0304: "HydraHarp V2 T3",
            0x0001_0305: "TimeHarp 260 N T3", 0x0001_0306: "TimeHarp 260 P T3",
            0x0001_0307: "MultiHarp/PicoHarp 330 (generic) T3",
        ]
        let hex = PTUError.hex(code)
        if let name = t3[code] {
            return "\(name) (\(hex)): a T3 file (each photon timed from its sync); qdot reads T2 files only "
                + "(each event with its own time tag): record the measurement again in T2 mode"
        }
        return "unknown record type \(hex); qdot reads the T2 types "
            + allCases.map(\.name).joined(separator: ", ")
    }
}
