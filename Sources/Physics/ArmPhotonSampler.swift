public import SeededRandom

/// Which photons of one pulse reach a detector arm: the first cascade's XX photon (arm A) and X
/// photon (arm B), and the re-excitation cascade's photon in each arm.
public struct ArmPhotons: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8

    /// A set from its bits.
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// The first cascade's XX photon reaches arm A.
    public static let firstPairA = ArmPhotons(rawValue: 1)
    /// The first cascade's X photon reaches arm B.
    public static let firstPairB = ArmPhotons(rawValue: 2)
    /// The re-excitation cascade's photon reaches arm A.
    public static let reexcitationA = ArmPhotons(rawValue: 4)
    /// The re-excitation cascade's photon reaches arm B.
    public static let reexcitationB = ArmPhotons(rawValue: 8)
}

/// Physics stream v2's sampler of which photons of a pulse reach an arm: first one draw decides
/// whether any does, then — only for a pulse where one does — the rest is drawn conditioned on
/// it, exactly in distribution.
///
/// The pulse's law (stream v1, ``EntangledPairSource`` steps 1–4 drawn one after another): the
/// biexciton is prepared (E) with probability p_exc; then, independently, the XX photon reaches
/// arm A (a) with probability η_A, the X photon arm B (b) with η_B, the dot re-excites (R) with
/// p₂, and the re-excitation cascade's photons reach the arms (a₂, b₂) with η_A and η_B. Without E
/// nothing is emitted. Let q = 1 − (1 − η_A)(1 − η_B), the probability that a cascade sends at
/// least one photon into an arm. The pulse sends one (N) when E ∧ (a ∨ b ∨ R ∧ (a₂ ∨ b₂)):
///
///     P(N) = p_exc · Z,   Z = q + (1 − q) p₂ q.
///
/// Given N, E holds, and the first pair's arms (a, b) have the law
///
///     P(a b | N) = P(a b) / Z for a ∨ b:   η_A η_B / Z,  η_A (1 − η_B) / Z,  (1 − η_A) η_B / Z,
///     P(¬a ¬b | N) = (1 − η_A)(1 − η_B) p₂ q / Z = (1 − q) p₂ q / Z.
///
/// When a ∨ b, N holds whatever R, a₂, b₂ are, so they keep their own laws (p₂, η_A, η_B,
/// independent). When ¬a ∧ ¬b, N needs R ∧ (a₂ ∨ b₂): R holds and (a₂, b₂) has the law of one
/// cascade given a photon in an arm, η_A η_B / q, η_A (1 − η_B) / q, (1 − η_A) η_B / q. (Bayes'
/// rule on independent Bernoulli trials; every conditional probability above is the joint
/// probability of the old sampler divided by P(N).) Times and polarizations are drawn given these
/// flags as before. With the shipped station (p_exc 0.9, η 0.2, p₂ 0.005) 1 − P(N) ≈ 0.675: two
/// pulses in three cost one draw and nothing else.
///
/// Each probability is compared as an integer threshold ⌈P·2⁵³⌉ with a draw's top 53 bits, as
/// ``Xoshiro256StarStar/bernoulliThreshold(probability:)`` does; the four outcomes of the first
/// pair share one draw, cut at cumulative thresholds.
@usableFromInline struct ArmPhotonSampler: Sendable {
    /// ⌈P(N)·2⁵³⌉.
    @usableFromInline let photonIntoAnArmThreshold: UInt64
    /// Cumulative thresholds of the first pair's arms given N: both below `bothArms`, arm A alone
    /// below `armAOnly`, arm B alone below `eitherArm`, neither (the re-excitation's photons
    /// carry N) above.
    let firstPairBothArmsThreshold: UInt64, firstPairArmAOnlyThreshold: UInt64, firstPairEitherArmThreshold: UInt64
    /// Cumulative thresholds of the re-excitation cascade's arms given that one of its photons
    /// reaches an arm: both below `bothArms`, arm A alone below `armAOnly`, arm B alone above.
    let reexcitationBothArmsThreshold: UInt64, reexcitationArmAOnlyThreshold: UInt64
    /// Thresholds of η_A, η_B and p₂, for the re-excitation when the first pair already carries N.
    let armAThreshold: UInt64, armBThreshold: UInt64, reexcitationThreshold: UInt64

    /// The sampler of a dot with excitation probability `excitation`, re-excitation probability
    /// `reexcitation` and arm efficiencies `armA`, `armB` (all in [0, 1]).
    init(excitation: Double, reexcitation: Double, armA: Double, armB: Double) {
        let both = armA * armB, aOnly = armA * (1 - armB), bOnly = (1 - armA) * armB
        let cascade = both + aOnly + bOnly                  // q, summed so that p₂ = 0 gives Z = q exactly
        let neither = (1 - armA) * (1 - armB) * reexcitation * cascade
        let given = cascade + neither                       // Z
        photonIntoAnArmThreshold = Xoshiro256StarStar.bernoulliThreshold(probability: excitation * given)
        func threshold(_ numerator: Double, over denominator: Double) -> UInt64 {
            denominator > 0 ? Xoshiro256StarStar.bernoulliThreshold(probability: numerator / denominator) : 0
        }
        firstPairBothArmsThreshold = threshold(both, over: given)
        firstPairArmAOnlyThreshold = threshold(both + aOnly, over: given)
        // Without re-excitation the first pair always carries N: no rounding may leave room above.
        firstPairEitherArmThreshold = neither > 0 ? threshold(cascade, over: given) : 1 << 53
        reexcitationBothArmsThreshold = threshold(both, over: cascade)
        reexcitationArmAOnlyThreshold = threshold(both + aOnly, over: cascade)
        armAThreshold = Xoshiro256StarStar.bernoulliThreshold(probability: armA)
        armBThreshold = Xoshiro256StarStar.bernoulliThreshold(probability: armB)
        reexcitationThreshold = Xoshiro256StarStar.bernoulliThreshold(probability: reexcitation)
    }

    /// One draw: whether any photon of the pulse reaches an arm (N). Inlinable: the simulated
    /// dot asks it at every trigger edge, from another module, and a call cost more than the draw.
    @inlinable @inline(__always)
    func sendsPhotonIntoAnArm(rng: inout Xoshiro256StarStar) -> Bool {
        rng.nextBernoulli(threshold: photonIntoAnArmThreshold)
    }

    /// Which photons reach an arm, given that at least one does (after
    /// ``sendsPhotonIntoAnArm(rng:)`` said so): one draw for the first pair, then one for the
    /// re-excitation's arms when the first pair reached neither, or up to three (R, a₂, b₂) when it
    /// reached one.
    @inline(__always)
    func armPhotonsGivenOne(rng: inout Xoshiro256StarStar) -> ArmPhotons {
        let draw = rng.next() >> 11
        if draw < firstPairEitherArmThreshold {
            var photons: ArmPhotons = draw < firstPairArmAOnlyThreshold ? .firstPairA : []
            if draw < firstPairBothArmsThreshold || draw >= firstPairArmAOnlyThreshold { photons.insert(.firstPairB) }
            if reexcitationThreshold > 0 && rng.nextBernoulli(threshold: reexcitationThreshold) {
                if rng.nextBernoulli(threshold: armAThreshold) { photons.insert(.reexcitationA) }
                if rng.nextBernoulli(threshold: armBThreshold) { photons.insert(.reexcitationB) }
            }
            return photons
        }
        let second = rng.next() >> 11
        if second < reexcitationBothArmsThreshold { return [.reexcitationA, .reexcitationB] }
        return second < reexcitationArmAOnlyThreshold ? .reexcitationA : .reexcitationB
    }
}
