public import Vocabulary
/// A job a GPIO line does in the station; board data binds each role to a chip and a line.
///
/// The firmware knows roles, never chips or line numbers. Raw values are the names board files
/// use in `[line.ROLE]` headers.
public enum LineRole: String, Sendable, Hashable, CaseIterable, Comparable {
    /// Output: the laser trigger (pulse picker / diode driver), one pulse per cycle.
    case trigger
    /// Output: one detector gate shared by all four detectors.
    case gate
    /// Output: the gate of detector A+.
    case gateAPlus = "gate-a-plus"
    /// Output: the gate of detector A−.
    case gateAMinus = "gate-a-minus"
    /// Output: the gate of detector B+.
    case gateBPlus = "gate-b-plus"
    /// Output: the gate of detector B−.
    case gateBMinus = "gate-b-minus"
    /// Output: arm A's basis code, bit 0.
    case basisA0 = "basis-a-0"
    /// Output: arm A's basis code, bit 1.
    case basisA1 = "basis-a-1"
    /// Output: arm A's basis code, bit 2.
    case basisA2 = "basis-a-2"
    /// Output: arm B's basis code, bit 0.
    case basisB0 = "basis-b-0"
    /// Output: arm B's basis code, bit 1.
    case basisB1 = "basis-b-1"
    /// Output: arm B's basis code, bit 2.
    case basisB2 = "basis-b-2"
    /// Output: active while an experiment runs.
    case status
    /// Input: clicks of detector A+.
    case clickAPlus = "click-a-plus"
    /// Input: clicks of detector A−.
    case clickAMinus = "click-a-minus"
    /// Input: clicks of detector B+.
    case clickBPlus = "click-b-plus"
    /// Input: clicks of detector B−.
    case clickBMinus = "click-b-minus"
    /// Input: the safety interlock; active = loop closed = laser permitted, inactive = stop.
    case interlock
    /// Input, optional: a spare input wired to the trigger output by a jumper, for `qdot profile
    /// --loopback` to time the board's writes and edge stamps. Not a station role: experiments never
    /// request it.
    case loopback

    /// Roles in declaration order (outputs first), so sorted lists read like a board file.
    public static func < (left: LineRole, right: LineRole) -> Bool {
        let order = LineRole.allCases
        return (order.firstIndex(of: left) ?? 0) < (order.firstIndex(of: right) ?? 0)
    }

    /// Whether the controller drives this line or reads it.
    public var direction: LineDirection {
        switch self {
        case .clickAPlus, .clickAMinus, .clickBPlus, .clickBMinus, .interlock, .loopback: .input
        default: .output
        }
    }

    /// Whether the controller drives this line.
    public var isOutput: Bool { direction == .output }

    /// Whether the controller reads this line.
    public var isInput: Bool { direction == .input }

    /// The gate form this role belongs to; nil for roles that are not gates.
    public var gateForm: GateForm? {
        switch self {
        case .gate: .shared
        case .gateAPlus, .gateAMinus, .gateBPlus, .gateBMinus: .perDetector
        default: nil
        }
    }

    /// For a basis-select role, its arm and bit (bit i of the arm's basis code); nil otherwise.
    public var basisBit: (arm: AnalyzerArm, bit: Int)? {
        switch self {
        case .basisA0: (.a, 0)
        case .basisA1: (.a, 1)
        case .basisA2: (.a, 2)
        case .basisB0: (.b, 0)
        case .basisB1: (.b, 1)
        case .basisB2: (.b, 2)
        default: nil
        }
    }

    /// Whether the station's firmware drives or reads this line (every role but the loopback
    /// wire, which only `qdot profile --loopback` requests).
    public var isStationRole: Bool { self != .loopback }

    /// Whether every board must have this role (the gate, required in one of two forms, is not counted).
    public var isRequired: Bool {
        switch self {
        case .trigger, .basisA0, .basisB0, .clickAPlus, .clickAMinus, .clickBPlus, .clickBMinus, .interlock: true
        default: false
        }
    }

    /// The basis-select roles of `arm`, bit 0 first.
    public static func basisBits(of arm: AnalyzerArm) -> [LineRole] {
        switch arm {
        case .a: [.basisA0, .basisA1, .basisA2]
        case .b: [.basisB0, .basisB1, .basisB2]
        }
    }

    /// The roles of the gate form `form`.
    public static func gates(of form: GateForm) -> [LineRole] {
        switch form {
        case .shared: [.gate]
        case .perDetector: [.gateAPlus, .gateAMinus, .gateBPlus, .gateBMinus]
        }
    }

    /// The per-detector gate of the detector on `output` of `arm`.
    public static func gate(arm: AnalyzerArm, output: DetectorOutput) -> LineRole {
        switch (arm, output) {
        case (.a, .plus): .gateAPlus
        case (.a, .minus): .gateAMinus
        case (.b, .plus): .gateBPlus
        case (.b, .minus): .gateBMinus
        }
    }

    /// The click input of the detector on `output` of `arm`.
    public static func click(arm: AnalyzerArm, output: DetectorOutput) -> LineRole {
        switch (arm, output) {
        case (.a, .plus): .clickAPlus
        case (.a, .minus): .clickAMinus
        case (.b, .plus): .clickBPlus
        case (.b, .minus): .clickBMinus
        }
    }
}
