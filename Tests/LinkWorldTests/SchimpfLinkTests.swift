import KeyDistillation
import Physics
import Testing
import Vocabulary

/// Issue 14: "With Schimpf 2021's published parameters …, the simulated link's QBER lands within
/// 0.3 % absolute of their 1.9 %, and secure bits per sifted bit within 10 % of their 86/135."
/// The mapping is ``Schimpf2021``'s; the figures are in docs/link.md.
@Suite struct SchimpfLinkTests {
    @Test func boardsMatchTheClosedFormWithReexcitationAndDarkCounts() throws {
        // The closed form the Schimpf figures lean on, against a world where every term is large:
        // p_exc 0.8, k 0.95 with 0.5 µeV splitting, p₂ = 0.05, η_A 0.6, η_B 0.5 (×0.754 fibre),
        // p_d = 2·10⁶/s × 5 ns = 0.01. Bound 3σ of the sifted bits' binomial. Measured (world seed
        // 77): 9.90 % over 20 178 sifted bits against 9.68 ± 0.21 % (the pairs alone: 3.33 %).
        let source = SourceParameters(excitationProbability: 0.8, entangledFraction: 0.95, reexcitationProbability: 0.05)
        let world = try LinkWorldFixtures.world(source: source, aliceEfficiency: 0.6, bobEfficiency: 0.5,
                                                fibre: FibreLink(lengthMetres: 350), seed: 77)
        let boards = try LinkWorldFixtures.boards(in: world, darkCountRatePerSecond: 2e6)
        let closedForm = LinkBoardClosedForm(world: world, darkCountProbabilityPerGate: boards.alice.darkCountProbabilityPerGate)
        let cycles: Range<Int64> = 0..<200_000
        let figures = LinkWorldFixtures.qber(alice: boards.alice.detections(inCycles: cycles),
                                             bob: boards.bob.detections(inCycles: cycles),
                                             expected: closedForm.quantumBitErrorRate(basis:))
        let pairsOnly = 0.5 * (world.expectedQuantumBitErrorRate(basis: .horizontalVertical)
                               + world.expectedQuantumBitErrorRate(basis: .diagonalAntidiagonal))
        #expect(figures.expected > pairsOnly + 0.02, "the noise terms should matter here: \(figures.expected) vs \(pairsOnly)")
        print("closed-form check: QBER \(figures.measured) ± \(figures.standardError) over \(figures.siftedBits) sifted bits; closed form \(figures.expected), pairs alone \(pairsOnly)")
        #expect(abs(figures.measured - figures.expected) < 3 * figures.standardError, "\(figures)")
    }

    @Test func schimpfQBER() throws {
        // A consistency check of the mapping, not a prediction: the fibre's polarization error is
        // fitted to their 1.9 % (Schimpf2021), so this shows that the fit, the fidelity's k and the
        // scaled dark counts compose as the closed forms say. 120 000 cycles at 0.34 sifted bits per
        // cycle: ≈ 4·10⁴ sifted bits, σ ≈ 0.07 %. Bounds: 3σ against the closed form, 0.3 % absolute
        // against theirs (issue 14). Measured (seed 2021): 2.01 % over 40 977 sifted bits
        // against 1.93 ± 0.068 % (the pairs alone 1.90 %, the rest the dark counts).
        let (world, darkRate) = try Schimpf2021.world(seed: 2_021)
        for basis in [AnalyzerBasis.horizontalVertical, .diagonalAntidiagonal] {
            #expect(abs(world.expectedQuantumBitErrorRate(basis: basis) - Schimpf2021.quantumBitErrorRate) < 1e-12)
        }
        let boards = try LinkWorldFixtures.boards(in: world, darkCountRatePerSecond: darkRate)
        let closedForm = LinkBoardClosedForm(world: world, darkCountProbabilityPerGate: boards.alice.darkCountProbabilityPerGate)
        let cycles: Range<Int64> = 0..<120_000
        let figures = LinkWorldFixtures.qber(alice: boards.alice.detections(inCycles: cycles),
                                             bob: boards.bob.detections(inCycles: cycles),
                                             expected: closedForm.quantumBitErrorRate(basis:))
        print("Schimpf 2021 mapped (e = \(Schimpf2021.polarizationErrorProbability) fitted): QBER \(figures.measured) ± \(figures.standardError) over \(figures.siftedBits) sifted bits; closed form \(figures.expected)")
        #expect(abs(figures.measured - figures.expected) < 3 * figures.standardError, "\(figures)")
        #expect(abs(figures.measured - Schimpf2021.quantumBitErrorRate) <= 0.003, "\(figures)")
    }

    @Test func schimpfSecureBitsPerSiftedBit() throws {
        // Their 86/135 = 0.637, from the mapped world (Schimpf2021: their fidelity's k, the
        // polarization error fitted to their 1.9 %, the scaled dark counts): the question here is
        // what our distillation makes of the block that world gives. 500 000 cycles give a block
        // of ≈ 1.7·10⁵ sifted bits (about 21 minutes of their key).
        //
        // Whether their 86 bit/s is asymptotic or finite-key is in the paper's body (not retrieved).
        // Their figure is an average over 13 h, so the block compared is their whole run, 6.3·10⁶
        // sifted bits (135 bit/s × 13 h) with the default 10 % sample: its length is Tomamichel et
        // al.'s Eq. (2) (``FiniteKeyLength``) with the leakage per reconciled bit that Cascade showed on
        // the simulated block (Cascade's parities per bit follow the QBER, not the block's length).
        // Also printed: the simulated block's own figure, and the large-block limit (n = 10⁹ with a
        // 1 % sample, μ ≈ 0.0016). Bound: within 10 % of 0.637.
        let (world, darkRate) = try Schimpf2021.world(seed: 2_013)
        let boards = try LinkWorldFixtures.boards(in: world, darkCountRatePerSecond: darkRate)
        let closedForm = LinkBoardClosedForm(world: world, darkCountProbabilityPerGate: boards.alice.darkCountProbabilityPerGate)
        let expectedQBER = 0.5 * (closedForm.quantumBitErrorRate(basis: .horizontalVertical)
                                  + closedForm.quantumBitErrorRate(basis: .diagonalAntidiagonal))
        let cycles: Range<Int64> = 0..<500_000
        let alice = boards.alice.detections(inCycles: cycles), bob = boards.bob.detections(inCycles: cycles)
        let parameters = KeyBlockParameters()
        let outcome = try KeyBlockPipeline.distill(alice: alice.map(KeyDetection.init), bob: bob.map(KeyDetection.init),
                                                   parameters: parameters, publicSeed: 13)
        let report = outcome.report
        #expect(report.abortReason == nil, "\(report.abortReason?.description ?? "")")
        #expect(outcome.aliceKey != nil && outcome.aliceKey == outcome.bobKey)
        let qber = try #require(report.qber).value
        #expect(abs(qber - expectedQBER) < 3 * (expectedQBER * (1 - expectedQBER) / Double(report.sampleBits)).squareRoot(),
                "sampled QBER \(qber) over \(report.sampleBits) bits, closed form \(expectedQBER)")
        let efficiency = try #require(report.reconciliationEfficiency)
        let leakagePerBit = Double(report.cascadeParityBits) / Double(report.reconciledBits)

        /// Secure bits per sifted bit of a block of `sifted` bits with a sample of `sampleFraction`.
        func securePerSifted(sifted: Int, sampleFraction: Double) throws -> Double {
            let sample = Int((sampleFraction * Double(sifted)).rounded(.up)), kept = sifted - sample
            let length = try FiniteKeyLength.secretLength(
                keyBits: kept, sampleBits: sample, toleratedQBER: qber,
                leakedBits: Int((leakagePerBit * Double(kept)).rounded(.up)) + Verification.tagBits,
                epsilonSecrecy: parameters.epsilonSecrecy, epsilonCorrectness: Verification.collisionProbability(keyBits: kept))
            return length.rounded(.down) / Double(sifted)
        }
        let block = Double(report.secureBits) / Double(report.siftedBits)
        let wholeRun = try securePerSifted(sifted: Int(Schimpf2021.siftedBitsPerSecond * 13 * 3_600), sampleFraction: 0.1)
        let largeBlock = try securePerSifted(sifted: 1_000_000_000, sampleFraction: 0.01)
        let theirs = Schimpf2021.secureBitsPerSecond / Schimpf2021.siftedBitsPerSecond
        print("Schimpf 2021 at QBER \(qber): Cascade f = \(efficiency), secure/sifted \(block) on the simulated block of \(report.siftedBits) bits, \(wholeRun) for their 13 h as one block, \(largeBlock) for 10⁹ bits; theirs \(theirs)")
        // Measured (seed 2013): sampled QBER 1.88 %, Cascade f = 1.107; 0.469 on the simulated block
        // of 170 545 bits (finite size), 0.607 for their 13 h (−4.7 %), 0.694 for 10⁹ bits (+9.0 %).
        #expect(abs(wholeRun / theirs - 1) <= 0.1, "13 h block: \(wholeRun) vs \(theirs)")
    }
}
