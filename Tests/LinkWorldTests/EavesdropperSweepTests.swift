import KeyDistillation
import Physics
import Testing
import Vocabulary

/// Issue 14: "Eavesdropper fractions 0, 0.1, 0.2, 0.5: QBER within 3σ of the expected value; keys
/// only below the threshold" — both nodes' boards in one world, their detections through the
/// reference distillation pipeline.
///
/// The world: pairs with entangled fraction k = 0.96 and no fine-structure splitting, so both bases
/// show Q₀ = (1 − k)/2 = 2 % (Hudson et al., PRL 99, 266802 (2007): T_zz = T_xx = k); p_exc = 1,
/// both arms' efficiency 1, 350 m of fibre (T = 0.754), no re-excitation and no dark counts, so
/// every sifted bit is a pair's and the QBER is the world's closed form with Eve's
/// Q(p) = Q₀ + p(1 − 2Q₀)/4 (``InterceptResendEavesdropper``). 80 000 cycles give about 30 000
/// sifted bits. Tomamichel et al.'s μ (Nat. Commun. 3, 634 (2012), Eq. (2)) goes as
/// √(ln(4/ε_sec)·(1/n + 1/k)), least for a given block when the sample k is half of it: a 50 %
/// sample puts μ at ≈ 0.057 (ε_sec = 10⁻¹⁰) with the fewest simulated pulses. The threshold test
/// Q + μ ≤ 11 % then passes for p = 0 (2 %) and 0.1 (4.4 %, 5σ of the sample's spread below)
/// and fails for 0.2 (6.8 % + 5.7 % = 12.5 %) and 0.5 (14 %). At 0.2 it is the finite block that
/// stops the key: asymptotically 6.8 % is below 11 %.
@Suite struct EavesdropperSweepTests {
    static let source = SourceParameters(excitationProbability: 1, fineStructureSplittingMicroelectronvolts: 0,
                                         entangledFraction: 0.96, reexcitationProbability: 0)
    static let cycles: Range<Int64> = 0..<80_000

    @Test(arguments: [(0.0, true), (0.1, true), (0.2, false), (0.5, false)])
    func qberFollowsTheFractionAndKeysComeOnlyBelowTheThreshold(interceptFraction: Double, yieldsKey: Bool) throws {
        let fibre = try FibreLink(lengthMetres: 350)
        let eve = try InterceptResendEavesdropper(interceptFraction: interceptFraction)
        let world = try LinkWorldFixtures.world(source: Self.source, aliceEfficiency: 1, bobEfficiency: 1, fibre: fibre,
                                                eavesdropper: eve, seed: 2_024)
        let withoutEve = try LinkWorldFixtures.world(source: Self.source, aliceEfficiency: 1, bobEfficiency: 1, fibre: fibre,
                                                     seed: 2_024)
        let boards = try LinkWorldFixtures.boards(in: world, darkCountRatePerSecond: 0)
        let alice = boards.alice.detections(inCycles: Self.cycles), bob = boards.bob.detections(inCycles: Self.cycles)

        // Expected: each basis's closed-form intrinsic QBER through Eve's formula, weighted by the
        // bits sifted in that basis; σ from the binomial of those bits.
        for basis in [AnalyzerBasis.horizontalVertical, .diagonalAntidiagonal] {
            #expect(abs(eve.expectedQuantumBitErrorRate(intrinsic: withoutEve.expectedQuantumBitErrorRate(basis: basis))
                        - world.expectedQuantumBitErrorRate(basis: basis)) < 1e-12)
        }
        let (qber, expectedQBER, sigma, bits) = LinkWorldFixtures.qber(alice: alice, bob: bob) {
            eve.expectedQuantumBitErrorRate(intrinsic: withoutEve.expectedQuantumBitErrorRate(basis: $0))
        }
        // Bound 3σ. Measured (world seed 2024, bases 5/6, 30 468 sifted bits) against expected ± σ:
        // p = 0 1.95 % (2.00 ± 0.080 %), 0.1 4.45 % (4.40 ± 0.117 %), 0.2 6.73 % (6.80 ± 0.144 %),
        // 0.5 13.94 % (14.00 ± 0.199 %). Keys: 6 812 bits at p = 0, 3 319 at 0.1 (μ = 5.66 %).
        #expect(abs(qber - expectedQBER) < 3 * sigma,
                "p = \(interceptFraction): QBER \(qber) over \(bits) sifted bits, expected \(expectedQBER) ± \(sigma)")
        print("eavesdropper p = \(interceptFraction): QBER \(qber) over \(bits) sifted bits, expected \(expectedQBER) ± \(sigma) (1σ)")

        let outcome = try KeyBlockPipeline.distill(alice: alice.map(KeyDetection.init), bob: bob.map(KeyDetection.init),
                                                   parameters: KeyBlockParameters(sampleFraction: 0.5), publicSeed: 11)
        let report = outcome.report
        #expect(report.siftedBits == bits, "the pipeline's sifting keeps the pairs counted here")
        if yieldsKey {
            #expect(report.abortReason == nil, "p = \(interceptFraction): \(report.abortReason?.description ?? "")")
            let key = try #require(outcome.aliceKey)
            #expect(key == outcome.bobKey && key.count == report.secureBits && key.count > 0)
        } else {
            let reason = try #require(report.abortReason, "p = \(interceptFraction) gave \(report.secureBits) secure bits")
            guard case .qberAboveThreshold = reason else {
                Issue.record("p = \(interceptFraction): aborted for another reason: \(reason)")
                return
            }
            #expect(outcome.aliceKey == nil && outcome.bobKey == nil && report.secureBits == 0)
        }
        print("eavesdropper p = \(interceptFraction): sampled QBER \(report.qber?.value ?? .nan), μ \(report.statisticalDeviation ?? .nan), secure bits \(report.secureBits), \(report.abortReason?.description ?? "key")")
    }
}
