import Physics
import SeededRandom
import Vocabulary

/// Worlds and setting providers for the link tests.
enum LinkWorlds {
    /// A lossless, ideal-clock world of 10 µs cycles with `source`, Eve intercepting `interceptFraction`.
    static func lossless(source: SourceParameters = SourceParameters(), interceptFraction: Double = 0,
                         seed: UInt64 = 1) throws -> LinkWorld {
        let cycles = try NodeCycleTiming(cyclePeriodPicoseconds: 10_000_000)
        return try LinkWorld(parameters: LinkWorldParameters(
            source: source, aliceArm: ArmParameters(efficiency: 1), bobArm: ArmParameters(efficiency: 1),
            fibre: try FibreLink(lengthMetres: 0), aliceCycles: cycles, bobCycles: cycles,
            eavesdropper: try InterceptResendEavesdropper(interceptFraction: interceptFraction), seed: seed))
    }

    /// Fixed settings: Alice always `alice`, Bob always `bob`.
    static func fixed(alice: AnalyzerBasis, bob: AnalyzerBasis) -> LinkAnalyzerSettingsClosure {
        LinkAnalyzerSettingsClosure { node, _ in node == .alice ? alice : bob }
    }

    /// BBM92 settings: each node's basis in cycle k is H/V or D/A from a stream derived from
    /// (its basis seed, k), so any process can replay the other node's choice by cycle index.
    static func randomBBM92(aliceSeed: UInt64, bobSeed: UInt64) -> LinkAnalyzerSettingsClosure {
        let alice = Xoshiro256StarStar(seed: aliceSeed), bob = Xoshiro256StarStar(seed: bobSeed)
        return LinkAnalyzerSettingsClosure { node, cycle in
            var stream = (node == .alice ? alice : bob).derived(stream: UInt64(bitPattern: cycle))
            return stream.next() >> 63 == 0 ? .horizontalVertical : .diagonalAntidiagonal
        }
    }
}

/// Tallies of joint outcomes of pulses where both photons arrived.
struct JointTally {
    var agree = 0, disagree = 0, bobPlus = 0, alicePlus = 0

    var pairs: Int { agree + disagree }
    /// E = (N_agree − N_disagree)/N, with standard error √((1 − E²)/N) (±1 products, binomial).
    var correlation: Double { Double(agree - disagree) / Double(pairs) }
    var correlationStandardError: Double { ((1 - correlation * correlation) / Double(pairs)).squareRoot() }
    /// The error fraction Q = N_disagree/N, with standard error √(Q(1 − Q)/N).
    var errorRate: Double { Double(disagree) / Double(pairs) }
    var errorRateStandardError: Double { (errorRate * (1 - errorRate) / Double(pairs)).squareRoot() }

    mutating func add(_ outcome: LinkPulseOutcome) {
        guard let alice = outcome.alice, let bob = outcome.bob else { return }
        if alice.output == bob.output { agree += 1 } else { disagree += 1 }
        if alice.output == .plus { alicePlus += 1 }
        if bob.output == .plus { bobPlus += 1 }
    }
}
