public import HAL
public import Vocabulary

/// One setting of an experiment: basis codes held for a number of cycles.
public struct ScheduleStep: Sendable, Hashable {
    /// A name for reports ("HV/HV", "a=0° b=22.5°").
    public var label: String
    /// The basis codes.
    public var codes: BasisCodes
    /// How many trigger cycles to run with them.
    public var cycles: Int
    /// A gate delay for this step instead of the schedule timing's (a gate-delay scan steps it).
    public var gateDelay: TimeSpan?
    /// Draw each arm's basis code at random every cycle from these codes (BBM92) instead of
    /// holding `codes`; the codes drawn ride with the cycle's clicks.
    public var randomBasis: RandomBasisChoice?

    /// A step.
    public init(label: String, codes: BasisCodes, cycles: Int, gateDelay: TimeSpan? = nil,
                randomBasis: RandomBasisChoice? = nil) {
        self.label = label
        self.codes = codes
        self.cycles = cycles
        self.gateDelay = gateDelay
        self.randomBasis = randomBasis
    }

    /// The cycle timing of this step within `schedule`'s.
    public func timing(in base: CycleTiming) -> CycleTiming {
        var timing = base
        if let gateDelay { timing.gateDelay = gateDelay }
        return timing
    }
}

/// The codes each arm's basis is drawn from, uniformly and independently, every cycle.
public struct RandomBasisChoice: Sendable, Hashable {
    /// Arm A's candidate codes.
    public var codesA: [UInt8]
    /// Arm B's candidate codes.
    public var codesB: [UInt8]

    /// A choice among `codesA` for arm A and `codesB` for arm B.
    public init(codesA: [UInt8], codesB: [UInt8]) {
        self.codesA = codesA
        self.codesB = codesB
    }
}

/// What the firmware runs: the cycle timing and the settings in order.
public struct CycleSchedule: Sendable, Hashable {
    /// The timing of every cycle.
    public var timing: CycleTiming
    /// The settings, run one after the other.
    public var steps: [ScheduleStep]
    /// Seed of the per-cycle basis draws of `randomBasis` steps (xoshiro256**); the same seed
    /// draws the same bases.
    public var basisSeed: UInt64
    /// Go round the steps again and again until stopped (alignment: watch one setting, or all in
    /// turn, with no end); each step's counts add up over the rounds. `totalCycles` is one round.
    public var repeatsUntilStopped: Bool

    /// A schedule.
    public init(timing: CycleTiming, steps: [ScheduleStep], basisSeed: UInt64 = 0, repeatsUntilStopped: Bool = false) {
        self.timing = timing
        self.steps = steps
        self.basisSeed = basisSeed
        self.repeatsUntilStopped = repeatsUntilStopped
    }

    /// The number of cycles of the whole schedule (of one round when it repeats).
    public var totalCycles: Int { steps.reduce(0) { $0 + $1.cycles } }
}
