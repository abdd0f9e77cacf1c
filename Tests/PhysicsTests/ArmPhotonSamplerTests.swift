@testable import Physics
import SeededRandom
import Testing

/// Physics stream v2's two-stage sampler (``ArmPhotonSampler``) against the law of stream v1's
/// one-after-another draws, in closed form.
///
/// Stream v1 drew, per pulse: excitation E (p_exc); given E, the first pair's arms a (η_A) and
/// b (η_B), the re-excitation R (p₂) and its arms a₂ (η_A), b₂ (η_B), all independent. The photons
/// that reach an arm are then {a, b, R∧a₂, R∧b₂} given E, none without E, so the probability of a
/// non-empty set F of them is
///
///     P(F) = p_exc · P_η_A(a ∈ F) · P_η_B(b ∈ F) · P₂(F's re-excitation photons),
///     P₂(none) = 1 − p₂ + p₂(1 − η_A)(1 − η_B),  P₂(A only) = p₂ η_A (1 − η_B),
///     P₂(B only) = p₂ (1 − η_A) η_B,             P₂(both) = p₂ η_A η_B,
///
/// and P(∅) = 1 − p_exc + p_exc (1 − η_A)(1 − η_B) P₂(none). The new sampler's 16 cell
/// frequencies over 2·10⁶ pulses must each lie within 4 binomial standard errors of these, and
/// their Pearson χ² (cells expecting at least 5) below 56.5, the 10⁻⁶ tail of χ² with 15 degrees
/// of freedom (fewer cells, fewer degrees: the bound is then looser than 10⁻⁶, never tighter).
@Suite struct ArmPhotonSamplerTests {
    struct Law {
        var excitation: Double, reexcitation: Double, armA: Double, armB: Double

        /// The probability of exactly the photons `photons` reaching an arm, under stream v1.
        func probability(of photons: ArmPhotons) -> Double {
            func bernoulli(_ yes: Bool, _ probability: Double) -> Double { yes ? probability : 1 - probability }
            let secondA = photons.contains(.reexcitationA), secondB = photons.contains(.reexcitationB)
            let second = !secondA && !secondB
                ? 1 - reexcitation + reexcitation * (1 - armA) * (1 - armB)
                : reexcitation * bernoulli(secondA, armA) * bernoulli(secondB, armB)
            let excited = excitation * bernoulli(photons.contains(.firstPairA), armA)
                * bernoulli(photons.contains(.firstPairB), armB) * second
            return photons.isEmpty ? 1 - excitation + excited : excited
        }

        var sampler: ArmPhotonSampler {
            ArmPhotonSampler(excitation: excitation, reexcitation: reexcitation, armA: armA, armB: armB)
        }
    }

    /// Cell counts of `pulses` pulses of `sampler` from `seed`, indexed by ``ArmPhotons/rawValue``.
    static func cellCounts(_ sampler: ArmPhotonSampler, pulses: Int, seed: UInt64) -> [Int] {
        var rng = Xoshiro256StarStar(seed: seed)
        var counts = [Int](repeating: 0, count: 16)
        for _ in 0..<pulses {
            let photons = sampler.sendsPhotonIntoAnArm(rng: &rng) ? sampler.armPhotonsGivenOne(rng: &rng) : []
            counts[Int(photons.rawValue)] += 1
        }
        return counts
    }

    /// Pearson's χ² of `counts` against `law` over the cells expecting at least 5, and the
    /// cells further than 4 standard errors from it.
    static func compare(_ counts: [Int], with law: Law) -> (chiSquare: Double, outliers: [String]) {
        let pulses = Double(counts.reduce(0, +))
        var chiSquare = 0.0
        var outliers: [String] = []
        for cell in 0..<16 {
            let probability = law.probability(of: ArmPhotons(rawValue: UInt8(cell)))
            let expected = pulses * probability
            let deviation = Double(counts[cell]) - expected
            if expected >= 5 { chiSquare += deviation * deviation / expected }
            let standardError = (pulses * probability * (1 - probability)).squareRoot()
            if abs(deviation) > 4 * standardError { outliers.append("cell \(cell): \(counts[cell]), expected \(expected)") }
        }
        return (chiSquare, outliers)
    }

    static let laws = [
        Law(excitation: 0.9, reexcitation: 0.005, armA: 0.2, armB: 0.2),   // the shipped station
        Law(excitation: 0.8, reexcitation: 0.3, armA: 0.35, armB: 0.6),     // every cell well filled
        Law(excitation: 1, reexcitation: 0.1, armA: 1, armB: 0.5),          // arm A lossless
    ]

    @Test(arguments: zip(laws, [UInt64(31), 32, 33]))
    func jointFrequenciesFollowTheOneAfterAnotherLaw(law: Law, seed: UInt64) {
        let counts = Self.cellCounts(law.sampler, pulses: 2_000_000, seed: seed)
        let (chiSquare, outliers) = Self.compare(counts, with: law)
        #expect(outliers.isEmpty, "\(outliers)")
        #expect(chiSquare < 56.5, "χ² \(chiSquare) over \(counts)")
    }

    /// The comparison has the power to see a wrong law: the same counts against p₂ 10 % too
    /// high, or η_B 0.02 too low, fail it.
    @Test func theComparisonRejectsASlightlyWrongLaw() {
        let law = Self.laws[1]
        let counts = Self.cellCounts(law.sampler, pulses: 2_000_000, seed: 32)
        var higherReexcitation = law
        higherReexcitation.reexcitation *= 1.1
        var lowerArmB = law
        lowerArmB.armB -= 0.02
        for wrong in [higherReexcitation, lowerArmB] {
            #expect(Self.compare(counts, with: wrong).chiSquare > 56.5)
        }
    }

    /// Impossible photons are never drawn, not merely rarely: no re-excitation photon without
    /// re-excitation, nothing in an arm of efficiency 0, no pulse at all without excitation.
    @Test func impossiblePhotonsAreNeverDrawn() {
        let withoutReexcitation = Self.cellCounts(Law(excitation: 1, reexcitation: 0, armA: 0.5, armB: 0.5).sampler,
                                                  pulses: 200_000, seed: 34)
        #expect((0..<16).filter { $0 & 0b1100 != 0 }.allSatisfy { withoutReexcitation[$0] == 0 })
        let darkArmA = Self.cellCounts(Law(excitation: 1, reexcitation: 0.5, armA: 0, armB: 0.5).sampler,
                                       pulses: 200_000, seed: 35)
        #expect((0..<16).filter { $0 & 0b0101 != 0 }.allSatisfy { darkArmA[$0] == 0 })
        let unexcited = Self.cellCounts(Law(excitation: 0, reexcitation: 0.5, armA: 1, armB: 1).sampler,
                                        pulses: 10_000, seed: 36)
        #expect(unexcited[0] == 10_000)
        let bothArmsDark = Self.cellCounts(Law(excitation: 1, reexcitation: 0.5, armA: 0, armB: 0).sampler,
                                           pulses: 10_000, seed: 37)
        #expect(bothArmsDark[0] == 10_000)
    }
}
