import SeededRandom

/// One block through every step, both parties in one process, every message through its bytes:
/// sifting → parameter estimation (abort above threshold) → Cascade → verification (discard on
/// mismatch) → finite-key length (abort when ℓ < 1) → Toeplitz privacy amplification.
///
/// The node process runs the same steps, one role per node, with the same messages over the
/// link; this type is their reference composition and what the tests and the benchmark drive.
///
/// Public randomness: each two-party step's seed is one draw of `Xoshiro256StarStar(seed: publicSeed)`
/// (sample, Cascade, verification, privacy amplification, in that order). That is for reproducible
/// tests; on the link the side that opens a step draws its seed when the step opens (after the bits
/// it acts on are fixed, which the verification bound ε_cor and the leftover hash lemma assume) and
/// sends it in the step's message.
///
/// Q_tol: Tomamichel et al.'s protocol fixes Q_tol before the run and aborts when the sampled QBER
/// exceeds it. With ``KeyBlockParameters/toleratedQBER`` nil, Q_tol is set to the sampled QBER of the
/// block (the key length then follows the observed error rate, as implementations commonly do —
/// strictly an adaptive choice the 2012 proof does not cover); give a fixed Q_tol to follow the
/// paper to the letter (the block then also aborts when the sampled QBER exceeds Q_tol).
public enum KeyBlockPipeline {
    /// What one block gave each party.
    public struct Outcome: Sendable {
        /// The block's report.
        public var report: KeyBlockReport
        /// Alice's final key (nil when the block yielded none).
        public var aliceKey: BitString?
        /// Bob's final key (nil when the block yielded none).
        public var bobKey: BitString?
    }

    /// Runs one block. Throws only for invalid parameters or inconsistent inputs (unsorted
    /// detections); a block that yields no key returns a report with its ``KeyBlockAbortReason``.
    public static func distill(alice: [KeyDetection], bob: [KeyDetection], parameters: KeyBlockParameters,
                               publicSeed: UInt64) throws(KeyDistillationError) -> Outcome {
        var report = KeyBlockReport(epsilonSecrecy: parameters.epsilonSecrecy)
        report.rawDetectionsAlice = alice.count
        report.rawDetectionsBob = bob.count
        var seeds = Xoshiro256StarStar(seed: publicSeed)

        // Sifting: each announces bases, each keeps matches.
        let aliceAnnouncement = try BasisAnnouncement(decoding: try Sifting.announcement(of: alice).encode())
        let bobAnnouncement = try BasisAnnouncement(decoding: try Sifting.announcement(of: bob).encode())
        let aliceSifted = try Sifting.sift(own: alice, peer: bobAnnouncement)
        let bobSifted = try Sifting.sift(own: bob, peer: aliceAnnouncement)
        report.siftedBits = aliceSifted.siftedBits

        // Parameter estimation.
        let sampleSize = try ParameterEstimation.sampleSize(fraction: parameters.sampleFraction, keyLength: aliceSifted.siftedBits)
        report.sampleBits = sampleSize
        // Cascade needs at least 4 bits to halve its blocks: fewer left after sampling is no block.
        guard sampleSize + 4 <= aliceSifted.siftedBits else {
            report.abortReason = .tooFewSiftedBits(siftedBits: aliceSifted.siftedBits, sampleBits: sampleSize)
            return Outcome(report: report)
        }
        let aliceSample = try ParameterEstimation.disclose(key: aliceSifted.bits, seed: seeds.next(), sampleSize: sampleSize)
        let bobSample = try ParameterEstimation.answer(SampleDisclosure(decoding: aliceSample.encode()), key: bobSifted.bits)
        let qber = try ParameterEstimation.estimate(own: aliceSample, peer: SampleDisclosure(decoding: bobSample.encode()))
        var aliceKey = try ParameterEstimation.remainingKey(aliceSifted.bits, after: aliceSample)
        var bobKey = try ParameterEstimation.remainingKey(bobSifted.bits, after: bobSample)
        report.qber = qber
        let mu = try FiniteKeyLength.statisticalDeviation(keyBits: aliceKey.count, sampleBits: sampleSize, epsilonSecrecy: parameters.epsilonSecrecy)
        report.statisticalDeviation = mu
        let toleratedQBER = parameters.toleratedQBER ?? qber.value
        guard qber.value + mu <= parameters.qberThreshold else {
            report.abortReason = .qberAboveThreshold(qber: qber.value, statisticalDeviation: mu, threshold: parameters.qberThreshold)
            return Outcome(report: report)
        }
        guard qber.value <= toleratedQBER else {
            report.abortReason = .qberAboveTolerated(qber: qber.value, toleratedQBER: toleratedQBER)
            return Outcome(report: report)
        }

        // Cascade: Bob corrects towards Alice.
        report.reconciledBits = aliceKey.count
        var corrector = try CascadeCorrector(key: bobKey, estimatedQBER: qber.value, passCount: parameters.cascadePassCount,
                                         blockSchedule: parameters.cascadeBlockSchedule, seed: seeds.next())
        var responder = try CascadeResponder(key: aliceKey, setup: CascadeSetup(decoding: corrector.setup.encode()))
        while let request = corrector.nextRequest() {
            let reply = try responder.reply(to: CascadeParityRequest(decoding: request.encode()))
            try corrector.receive(CascadeParityReply(decoding: reply.encode()))
        }
        bobKey = corrector.correctedKey
        report.correctedErrors = corrector.flippedBits
        report.cascadeParityBits = corrector.disclosedParityBits

        // Verification: Alice sends her tag; Bob compares; both learn the outcome.
        let epsilonCorrectness = Verification.collisionProbability(keyBits: aliceKey.count)
        report.epsilonCorrectness = epsilonCorrectness
        let aliceTag = Verification.tagMessage(of: aliceKey, seed: seeds.next())
        report.verificationTagBits = Verification.tagBits
        let passed = try Verification.matches(VerificationTag(decoding: aliceTag.encode()), key: bobKey)
        report.verificationPassed = passed
        guard passed else {
            report.abortReason = .verificationFailed
            return Outcome(report: report)
        }

        // Finite-key length, then privacy amplification.
        let length = try FiniteKeyLength.secretLength(keyBits: aliceKey.count, sampleBits: sampleSize, toleratedQBER: toleratedQBER,
                                                      leakedBits: report.leakedBits, epsilonSecrecy: parameters.epsilonSecrecy,
                                                      epsilonCorrectness: epsilonCorrectness, preparationQuality: parameters.preparationQuality)
        report.secretLengthBits = length
        guard length >= 1 else {
            report.abortReason = .noSecretKey(secretLengthBits: length)
            return Outcome(report: report)
        }
        let amplification = PrivacyAmplificationSeed(inputBits: aliceKey.count, outputBits: Int(length.rounded(.down)), drawingFrom: &seeds)
        aliceKey = try amplification.hash().hash(aliceKey)
        bobKey = try PrivacyAmplificationSeed(decoding: amplification.encode()).hash().hash(bobKey)
        report.secureBits = aliceKey.count
        return Outcome(report: report, aliceKey: aliceKey, bobKey: bobKey)
    }
}
