import Physics
import Testing
import Vocabulary

/// The fibre's polarization error e in the link world: Bob's pair photon flipped with probability
/// e in either basis, after Eve's resend, so the QBER Q_p of the pairs (with Eve, p) becomes
/// Q_p + e(1 − 2Q_p) (Ma, Fung & Lo, PRA 76, 012307 (2007); ``FibreLink``).
///
/// The world: k = 0.96 and no splitting (Q₀ = 2 % in H/V and D/A), p_exc = 1, both arms at η = 1,
/// 350 m of fibre, no re-excitation and no dark counts, so every sifted bit is a pair's. 80 000
/// cycles give ≈ 3·10⁴ sifted bits.
@Suite struct PolarizationErrorTests {
    static let source = SourceParameters(excitationProbability: 1, fineStructureSplittingMicroelectronvolts: 0,
                                         entangledFraction: 0.96, reexcitationProbability: 0)
    static let cycles: Range<Int64> = 0..<80_000

    @Test(arguments: [0.0, 0.2])
    func qberFollowsTheClosedForm(interceptFraction: Double) throws {
        // e = 0.05. Expected, p = 0: 2 % + 0.05·0.96 = 6.8 %; p = 0.2: Q_p = 2 % + 0.2·0.96/4 =
        // 6.8 %, then 6.8 % + 0.05·0.864 = 11.12 %. Bound 3σ of the sifted bits' binomial.
        // Measured (world seed 2024, bases 5/6, 30 468 sifted bits): p = 0 6.71 % against
        // 6.80 ± 0.144 %; p = 0.2 10.92 % against 11.12 ± 0.180 %.
        let eve = try InterceptResendEavesdropper(interceptFraction: interceptFraction)
        let fibre = try FibreLink(lengthMetres: 350, polarizationErrorProbability: 0.05)
        let world = try LinkWorldFixtures.world(source: Self.source, aliceEfficiency: 1, bobEfficiency: 1, fibre: fibre,
                                                eavesdropper: eve, seed: 2_024)
        for basis in [AnalyzerBasis.horizontalVertical, .diagonalAntidiagonal] {
            let composed = fibre.expectedQuantumBitErrorRate(intrinsic: eve.expectedQuantumBitErrorRate(intrinsic: 0.02))
            #expect(abs(world.expectedQuantumBitErrorRate(basis: basis) - composed) < 1e-12)
        }
        let boards = try LinkWorldFixtures.boards(in: world, darkCountRatePerSecond: 0)
        let figures = LinkWorldFixtures.qber(alice: boards.alice.detections(inCycles: Self.cycles),
                                             bob: boards.bob.detections(inCycles: Self.cycles),
                                             expected: world.expectedQuantumBitErrorRate(basis:))
        print("polarization error 0.05, p = \(interceptFraction): QBER \(figures.measured) ± \(figures.standardError) over \(figures.siftedBits) sifted bits; closed form \(figures.expected)")
        #expect(abs(figures.measured - figures.expected) < 3 * figures.standardError, "\(figures)")
    }

    @Test func onlyBobsPairPhotonChangesAndOnlyByAFlip() throws {
        // Same seed with and without e: every pulse draws the same up to step 6, so Alice's photons,
        // arrival times, Eve's mark and the re-excitation photons are equal, and Bob's pair photon
        // differs at most in its output — in about e of the pulses (bound: 5σ of the binomial).
        let source = SourceParameters(excitationProbability: 0.8, entangledFraction: 0.95, reexcitationProbability: 0.05)
        let eve = try InterceptResendEavesdropper(interceptFraction: 0.3)
        let plain = try LinkWorldFixtures.world(source: source, aliceEfficiency: 0.6, bobEfficiency: 0.5,
                                                fibre: FibreLink(lengthMetres: 350), eavesdropper: eve, seed: 9)
        let flipping = try LinkWorldFixtures.world(source: source, aliceEfficiency: 0.6, bobEfficiency: 0.5,
                                                   fibre: FibreLink(lengthMetres: 350, polarizationErrorProbability: 0.1),
                                                   eavesdropper: eve, seed: 9)
        var settings = LinkNodeSettings(alice: LinkBasisDraws(seed: 5), bob: LinkBasisDraws(seed: 6))
        var flips = 0, bobPhotons = 0
        for cycle: Int64 in 0..<20_000 {
            let before = plain.pulse(aliceCycle: cycle, settings: &settings)
            var after = flipping.pulse(aliceCycle: cycle, settings: &settings)
            if let bob = before.bob, let flipped = after.bob {
                bobPhotons += 1
                if flipped.output != bob.output { flips += 1 }
                after.bob?.output = bob.output
            }
            #expect(after == before, "cycle \(cycle)")
        }
        let expected = 0.1 * Double(bobPhotons), sigma = (expected * 0.9).squareRoot()
        #expect(abs(Double(flips) - expected) < 5 * sigma, "\(flips) flips of \(bobPhotons) photons")
    }
}
