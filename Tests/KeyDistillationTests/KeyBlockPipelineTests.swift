import KeyDistillation
import SeededRandom
import Testing

@Suite struct KeyBlockPipelineTests {
    /// `count` cycles in which both nodes detect, each with its own uniform basis; where the bases
    /// agree Bob's bit equals Alice's except with probability `qber`; where they differ it is random.
    /// Every third index is skipped, so the indices are not simply 0 ..< count.
    static func detections(count: Int, qber: Double, seed: UInt64) -> (alice: [KeyDetection], bob: [KeyDetection]) {
        var generator = Xoshiro256StarStar(seed: seed)
        var alice: [KeyDetection] = [], bob: [KeyDetection] = []
        for cycle in 0..<count {
            let index = UInt64(cycle + cycle / 2)
            let aliceBasis: KeyBasis = generator.next() & 1 == 0 ? .rectilinear : .diagonal
            let bobBasis: KeyBasis = generator.next() & 1 == 0 ? .rectilinear : .diagonal
            let bit = generator.next() & 1 == 1
            let bobBit = aliceBasis == bobBasis ? (generator.nextUnitInterval() < qber ? !bit : bit) : generator.next() & 1 == 1
            alice.append(KeyDetection(index: index, basis: aliceBasis, bit: bit))
            bob.append(KeyDetection(index: index, basis: bobBasis, bit: bobBit))
        }
        return (alice, bob)
    }

    /// 4·10⁵ detections at QBER 2 % (seed 81): about 2·10⁵ sifted bits; the sampled QBER lies
    /// within 5σ of 2 % (σ = √(0.02·0.98/k), k ≈ 2·10⁴); both parties end with the same key, as long
    /// as the report says, and the report's numbers are consistent with each other and with the bound.
    @Test func aliceAndBobEndWithTheSameKey() throws {
        let (alice, bob) = Self.detections(count: 400_000, qber: 0.02, seed: 81)
        let parameters = KeyBlockParameters()
        let outcome = try KeyBlockPipeline.distill(alice: alice, bob: bob, parameters: parameters, publicSeed: 82)
        let report = outcome.report
        #expect(report.abortReason == nil, "\(report.abortReason.map(\.description) ?? "")")
        let aliceKey = try #require(outcome.aliceKey), bobKey = try #require(outcome.bobKey)
        #expect(aliceKey == bobKey)
        #expect(aliceKey.count == report.secureBits && report.secureBits > 0)
        #expect(abs(Double(report.siftedBits) - 200_000) <= 5 * (400_000 * 0.25).squareRoot())
        let qber = try #require(report.qber)
        #expect(qber.sampleBits == report.sampleBits && report.reconciledBits == report.siftedBits - report.sampleBits)
        #expect(abs(qber.value - 0.02) <= 5 * (0.02 * 0.98 / Double(qber.sampleBits)).squareRoot())
        #expect(report.verificationPassed == true && report.leakedBits == report.cascadeParityBits + 61)
        let f = try #require(report.reconciliationEfficiency)
        #expect(f >= 1 && f <= 1.3)
        let expected = try FiniteKeyLength.secretBits(keyBits: report.reconciledBits, sampleBits: report.sampleBits, toleratedQBER: qber.value,
                                                      leakedBits: report.leakedBits, epsilonSecrecy: 1e-10,
                                                      epsilonCorrectness: try #require(report.epsilonCorrectness))
        #expect(report.secureBits == expected)
        // Privacy amplification shortened the key.
        #expect(aliceKey.count < report.reconciledBits)
    }

    /// QBER 15 %, above the 11 % threshold: no key for anyone, and the reason says so (seed 83).
    @Test func aBlockAboveTheThresholdYieldsNoKey() throws {
        let (alice, bob) = Self.detections(count: 100_000, qber: 0.15, seed: 83)
        let outcome = try KeyBlockPipeline.distill(alice: alice, bob: bob, parameters: KeyBlockParameters(), publicSeed: 84)
        #expect(outcome.aliceKey == nil && outcome.bobKey == nil && outcome.report.secureBits == 0)
        guard case let .qberAboveThreshold(qber, deviation, threshold)? = outcome.report.abortReason else {
            Issue.record("abort reason \(String(describing: outcome.report.abortReason))")
            return
        }
        #expect(qber > 0.12 && deviation > 0 && threshold == 0.11)
        #expect(outcome.report.abortReason!.description.contains("exceeds the threshold 11.00 %"))
        #expect(outcome.report.verificationPassed == nil && outcome.report.cascadeParityBits == 0)
    }

    /// A fixed Q_tol of 1 % with a 2 % channel: the block stops at the tolerance, as the paper's
    /// protocol does; with Q_tol = 3 % it yields a key shorter than with the sampled QBER (seed 89).
    @Test func aFixedToleratedQBERIsHonoured() throws {
        let (alice, bob) = Self.detections(count: 400_000, qber: 0.02, seed: 89)
        let strict = try KeyBlockPipeline.distill(alice: alice, bob: bob, parameters: KeyBlockParameters(toleratedQBER: 0.01), publicSeed: 90)
        if case .qberAboveTolerated(_, 0.01)? = strict.report.abortReason {} else { Issue.record("\(String(describing: strict.report.abortReason))") }
        #expect(strict.aliceKey == nil)
        let loose = try KeyBlockPipeline.distill(alice: alice, bob: bob, parameters: KeyBlockParameters(toleratedQBER: 0.03), publicSeed: 90)
        let observed = try KeyBlockPipeline.distill(alice: alice, bob: bob, parameters: KeyBlockParameters(), publicSeed: 90)
        #expect(loose.aliceKey == loose.bobKey && loose.report.secureBits > 0)
        #expect(loose.report.secureBits < observed.report.secureBits)
    }

    /// One Cascade pass at QBER 4 % leaves the blocks with an even number of errors uncorrected
    /// (k₁ = 32: P(2 errors) = C(32,2)·0.04²·0.96³⁰ ≈ 0.23 per block): verification catches it and the
    /// block is discarded, never delivered (seed 85; 2·10⁵ detections, so QBER + μ ≈ 4 % + 4.9 % stays
    /// under the threshold and the block reaches Cascade).
    @Test func aBlockThatFailsVerificationIsDiscarded() throws {
        let (alice, bob) = Self.detections(count: 200_000, qber: 0.04, seed: 85)
        let outcome = try KeyBlockPipeline.distill(alice: alice, bob: bob, parameters: KeyBlockParameters(cascadePassCount: 1), publicSeed: 86)
        #expect(outcome.report.abortReason == .verificationFailed, "\(String(describing: outcome.report.abortReason))")
        #expect(outcome.report.verificationPassed == false && outcome.report.correctedErrors > 0)
        #expect(outcome.aliceKey == nil && outcome.bobKey == nil)
    }

    /// Too few detections to sample and still keep key bits; and blocks of 0 … 40 detections with the
    /// default parameters end with an abort reason, never a thrown error or a key (seed 87).
    @Test func aTinyBlockIsRefusedWithItsSizes() throws {
        for count in [0, 1, 2, 5, 9, 10, 13, 20, 40] {
            let (alice, bob) = Self.detections(count: count, qber: 0, seed: 87)
            let outcome = try KeyBlockPipeline.distill(alice: alice, bob: bob, parameters: KeyBlockParameters(), publicSeed: 88)
            #expect(outcome.aliceKey == nil && outcome.report.abortReason != nil, "\(count) detections")
        }
        let (alice, bob) = Self.detections(count: 4, qber: 0, seed: 87)
        let outcome = try KeyBlockPipeline.distill(alice: alice, bob: bob, parameters: KeyBlockParameters(sampleFraction: 0.9), publicSeed: 88)
        #expect(outcome.aliceKey == nil)
        if case .tooFewSiftedBits? = outcome.report.abortReason {} else { Issue.record("\(String(describing: outcome.report.abortReason))") }
    }
}
