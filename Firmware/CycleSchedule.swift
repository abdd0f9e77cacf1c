/// The analyzer basis codes of both arms for a cycle: the values put on each arm's
/// basis-select lines (bit i on line basis-x-i). The station data says which analyzer setting
/// each code selects.
public struct BasisCodes: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Arm A's code.
    public var armA: UInt8
    /// Arm B's code.
    public var armB: UInt8

    /// Codes for both arms.
    public init(armA: UInt8, armB: UInt8) {
        self.armA = armA
        self.armB = armB
    }

    public var description: String { "A\(armA)/B\(armB)" }
}

/// One setting of an experiment: basis codes held for a number of cycles.
public struct ScheduleStep: Sendable, Hashable, Codable {
    /// A name for reports ("HV/HV", "a=0° b=22.5°").
    public var label: String
    /// The basis codes.
    public var codes: BasisCodes
    /// How many trigger cycles to run with them.
    public var cycles: Int

    /// A step.
    public init(label: String, codes: BasisCodes, cycles: Int) {
        self.label = label
        self.codes = codes
        self.cycles = cycles
    }
}

/// What the firmware runs: the cycle timing and the settings in order.
public struct CycleSchedule: Sendable, Hashable, Codable {
    /// The timing of every cycle.
    public var timing: CycleTiming
    /// The settings, run one after the other.
    public var steps: [ScheduleStep]

    /// A schedule.
    public init(timing: CycleTiming, steps: [ScheduleStep]) {
        self.timing = timing
        self.steps = steps
    }

    /// The number of cycles of the whole schedule.
    public var totalCycles: Int { steps.reduce(0) { $0 + $1.cycles } }
}
