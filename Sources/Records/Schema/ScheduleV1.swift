public import Firmware
import HAL
public import Vocabulary

/// A cycle timing as record headers and results store it (format v1): every time an integer
/// number of nanoseconds. From version 2, gate mode adds `coincidenceMode` "gate" and
/// `sideCycles`; window mode writes neither, so its timing is version 1's.
public struct TimingV1: Codable, Sendable, Hashable {
    public var triggerPeriod: Int64
    public var triggerPulseWidth: Int64
    public var gateDelay: Int64
    public var gateWidth: Int64
    public var coincidenceWindow: Int64
    /// Version 2: "gate", absent in window mode.
    public var coincidenceMode: String?
    /// Version 2: gate mode's side cycles on each side.
    public var sideCycles: Int?

    enum CodingKeys: String, CodingKey {
        case triggerPeriod, triggerPulseWidth, gateDelay, gateWidth, coincidenceWindow, coincidenceMode, sideCycles
    }

    /// The stored form of `timing`.
    public init(_ timing: CycleTiming) {
        triggerPeriod = timing.triggerPeriod.nanoseconds
        triggerPulseWidth = timing.triggerPulseWidth.nanoseconds
        gateDelay = timing.gateDelay.nanoseconds
        gateWidth = timing.gateWidth.nanoseconds
        coincidenceWindow = timing.coincidenceWindow.nanoseconds
        if case .gate(let sideCycles) = timing.coincidenceMode {
            coincidenceMode = timing.coincidenceMode.name
            self.sideCycles = sideCycles
        }
    }

    /// Whether the timing needs format version 2 (gate mode).
    public var needsVersion2: Bool { coincidenceMode != nil }

    /// The timing stored.
    public func timing() throws(SchemaError) -> CycleTiming {
        var mode = CoincidenceMode.window
        switch coincidenceMode {
        case nil: break
        case "gate"?:
            guard let sideCycles else { throw SchemaError(field: "timing.sideCycles", problem: "missing; gate mode needs it") }
            guard (1...CoincidenceMode.maximumSideCycles).contains(sideCycles) else {
                throw SchemaError(field: "timing.sideCycles",
                                  problem: "\(sideCycles); expected 1 to \(CoincidenceMode.maximumSideCycles)")
            }
            mode = .gate(sideCycles: sideCycles)
        case let other?:
            throw SchemaError(field: "timing.coincidenceMode", problem: "\"\(other)\"; expected gate (or no key: window)")
        }
        return CycleTiming(triggerPeriod: .nanoseconds(triggerPeriod), triggerPulseWidth: .nanoseconds(triggerPulseWidth),
                           gateDelay: .nanoseconds(gateDelay), gateWidth: .nanoseconds(gateWidth),
                           coincidenceWindow: .nanoseconds(coincidenceWindow), coincidenceMode: mode)
    }
}

/// Both arms' basis codes as stored (format v1): `{"armA": 1, "armB": 0}`.
public struct BasisCodesV1: Codable, Sendable, Hashable {
    public var armA: UInt8
    public var armB: UInt8

    enum CodingKeys: String, CodingKey { case armA, armB }

    /// The stored form of `codes`.
    public init(_ codes: BasisCodes) {
        armA = codes.armA
        armB = codes.armB
    }

    /// The codes stored.
    public var codes: BasisCodes { BasisCodes(armA: armA, armB: armB) }
}

/// A firmware schedule as record headers and results store it (format v1).
public struct ScheduleV1: Codable, Sendable, Hashable {
    /// One step: `{"codes", "cycles", "gateDelay"?, "label", "randomBasis"?}`.
    public struct Step: Codable, Sendable, Hashable {
        public var label: String
        public var codes: BasisCodesV1
        public var cycles: Int
        public var gateDelay: Int64?
        public var randomBasis: RandomBasis?

        enum CodingKeys: String, CodingKey { case label, codes, cycles, gateDelay, randomBasis }
    }

    /// A per-cycle random basis choice: `{"codesA": [0, 1], "codesB": [0, 1]}`.
    public struct RandomBasis: Codable, Sendable, Hashable {
        public var codesA: [UInt8]
        public var codesB: [UInt8]

        enum CodingKeys: String, CodingKey { case codesA, codesB }
    }

    public var timing: TimingV1
    public var steps: [Step]
    public var basisSeed: UInt64

    enum CodingKeys: String, CodingKey { case timing, steps, basisSeed }

    /// The stored form of `schedule`.
    public init(_ schedule: CycleSchedule) {
        timing = TimingV1(schedule.timing)
        basisSeed = schedule.basisSeed
        steps = schedule.steps.map { step in
            Step(label: step.label, codes: BasisCodesV1(step.codes), cycles: step.cycles,
                 gateDelay: step.gateDelay?.nanoseconds,
                 randomBasis: step.randomBasis.map { RandomBasis(codesA: $0.codesA, codesB: $0.codesB) })
        }
    }

    /// The schedule stored.
    public func schedule() throws(SchemaError) -> CycleSchedule {
        CycleSchedule(timing: try timing.timing(), steps: steps.map { step in
            ScheduleStep(label: step.label, codes: step.codes.codes, cycles: step.cycles,
                         gateDelay: step.gateDelay.map(TimeSpan.nanoseconds),
                         randomBasis: step.randomBasis.map { RandomBasisChoice(codesA: $0.codesA, codesB: $0.codesB) })
        }, basisSeed: basisSeed)
    }
}
