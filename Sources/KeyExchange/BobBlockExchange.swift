public import KeyDistillation
public import KeyStore
public import LinkProtocol

/// Bob's node for one key block: answers Alice's bases with his, answers her QBER sample, runs
/// Cascade as the corrector (he flips his bits towards hers), sends the verification tag of his
/// corrected key when Cascade is done, checks Alice's privacy-amplification seed against his own
/// finite-key length, and on her key confirmation commits the block in his store — the point at
/// which the block exists — and acknowledges (docs/link-exchange.md).
///
/// Bob commits through his store's pending file (``KeyStore/depositPending(blockID:keys:setAside:)``
/// then ``KeyStore/commit(blockID:)``) so a crash between the key files leaves a record: a pending
/// block at Bob's node is always one he decided to commit, and ``PendingBlockRecovery/rollForward(store:session:)``
/// finishes it at restart.
///
/// Same conventions as ``AliceBlockExchange``: every message through its bytes, anything that does
/// not fit ends the block with a protocol violation, a peer's abort ends it with its reason.
/// A status query for this block before the confirmation (Alice restarted) ends it: not committed.
public struct BobBlockExchange<Randomness: RandomNumberGenerator> {
    private enum State {
        case awaitingBases
        case awaitingSample(sifted: BitString)
        case reconciling(corrector: CascadeCorrector, toleratedQBER: Double)
        case awaitingAmplification(key: BitString, toleratedQBER: Double)
        case awaitingConfirmation(partition: FinalKeyPartition, finalBits: Int)
        case ended
    }

    private var context: BlockRoleContext<Randomness>
    private var state = State.awaitingBases
    /// Set by the crash tests: the role stops there as if killed.
    var haltPoint: CommitHaltPoint? {
        get { context.haltPoint }
        set { context.haltPoint = newValue }
    }

    /// Bob's role for block `blockID` over the cycles `detectionRange`, with his `detections`
    /// (index order, all inside the range). Throws on bad detections or an invalid configuration.
    public init(blockID: UInt64, detectionRange: Range<UInt64>, detections: [KeyDetection], configuration: KeyExchangeConfiguration,
                store: KeyStore, randomness: Randomness) throws(KeyDistillationError) {
        context = try BlockRoleContext(role: .bob, blockID: blockID, detectionRange: detectionRange, detections: detections,
                                       configuration: configuration, store: store, randomness: randomness)
    }

    /// The block's account so far.
    public var report: KeyBlockExchangeReport { context.report }

    /// True once the block is committed or aborted here.
    public var isFinished: Bool { if case .ended = state { true } else { false } }

    /// Takes the peer's next message; returns what to send. `session`: the commit adds the
    /// block's set-aside bits to its pools. Throws only for local failures.
    public mutating func receive(_ message: LinkMessage, session: inout some AuthenticationPadSink) async throws(KeyExchangeError) -> [OutgoingLinkMessage] {
        if case .ended = state { return [] }
        context.report.framesReceived += 1
        do {
            switch message.messageType {
            case .abort:
                context.recordPeerAbort(try LinkAbort(payload: message.payload))
                state = .ended
                return []
            case .blockStatusQuery:
                return try answerStatusQuery(message)
            default:
                return try await advance(message, session: &session)
            }
        } catch let error as KeyExchangeError {
            throw error
        } catch {
            state = .ended
            return context.abort(.protocolViolation, KeyExchangeViolation.detail(of: error))
        }
    }

    private mutating func advance(_ message: LinkMessage, session: inout some AuthenticationPadSink) async throws -> [OutgoingLinkMessage] {
        switch state {
        case .awaitingBases:
            let sifted = try context.siftAgainstPeerBases(message)
            state = .awaitingSample(sifted: sifted.bits)
            return [context.message(.siftingBases, context.basisAnnouncement.encode())]

        case let .awaitingSample(sifted):
            let alice = try SampleDisclosure(decoding: context.body(of: message, expected: .parameterEstimationSample, step: "parameter estimation"))
            let sampleSize = try ParameterEstimation.sampleSize(fraction: context.configuration.parameters.sampleFraction, keyLength: sifted.count)
            guard alice.keyLength == sifted.count, alice.bits.count == sampleSize, sampleSize + 4 <= sifted.count else {
                throw KeyExchangeViolation("parameter estimation: Alice's sample has \(alice.bits.count) of \(alice.keyLength) bits; Bob sifted \(sifted.count) bits and expects a sample of \(sampleSize)")
            }
            context.report.distillation.sampleBits = sampleSize
            let answer = try ParameterEstimation.answer(alice, key: sifted)
            let qber = try ParameterEstimation.estimate(own: answer, peer: alice)
            let key = try ParameterEstimation.remainingKey(sifted, after: answer)
            guard let tolerated = try SampledQBERCheck.toleratedQBER(qber: qber, keyBits: key.count, sampleBits: sampleSize,
                                                                     parameters: context.configuration.parameters, report: &context.report.distillation)
            else { return endWithReportedReason(as: .quantumBitErrorRateAboveThreshold) }
            context.report.distillation.reconciledBits = key.count
            let corrector = try CascadeCorrector(key: key, estimatedQBER: qber.value, passCount: context.configuration.parameters.cascadePassCount,
                                                 blockSchedule: context.configuration.parameters.cascadeBlockSchedule, seed: context.randomness.next())
            return [context.message(.parameterEstimationSample, answer.encode()), context.message(.cascadeSetup, corrector.setup.encode())]
                + nextCascadeStep(corrector, toleratedQBER: tolerated)

        case .reconciling(var corrector, let tolerated):
            try corrector.receive(CascadeParityReply(decoding: context.body(of: message, expected: .cascadeParityReply, step: "Cascade")))
            return nextCascadeStep(corrector, toleratedQBER: tolerated)

        case let .awaitingAmplification(key, tolerated):
            let seed = try PrivacyAmplificationSeed(decoding: context.body(of: message, expected: .privacyAmplificationSeed, step: "privacy amplification"))
            context.report.distillation.verificationPassed = true
            let length = try SampledQBERCheck.secretLength(report: &context.report.distillation, toleratedQBER: tolerated, parameters: context.configuration.parameters)
            let finalBits = length >= 1 ? Int(length.rounded(.down)) : 0
            guard seed.inputBits == key.count, seed.outputBits == finalBits else {
                throw KeyExchangeViolation("privacy amplification: Alice hashes \(seed.inputBits) bits to \(seed.outputBits); Bob holds \(key.count) bits and computes ℓ = \(finalBits)")
            }
            let finalKey = try seed.hash().hash(key)
            guard let partition = FinalKeyPartition(finalKey: finalKey, setAsideBits: context.configuration.authenticationReplenishmentBits,
                                                    keySizeBits: context.store.keySizeBits) else {
                throw KeyExchangeViolation("privacy amplification: \(finalBits) final bits hold less than \(context.configuration.authenticationReplenishmentBits) set-aside bits and one \(context.store.keySizeBits)-bit key")
            }
            context.report.distillation.secureBits = finalKey.count
            context.report.unusedFinalBits = partition.unusedBits
            state = .awaitingConfirmation(partition: partition, finalBits: finalKey.count)
            return []

        case let .awaitingConfirmation(partition, finalBits):
            let confirmation = try KeyConfirmation(decoding: context.body(of: message, expected: .keyConfirmation, step: "key confirmation"))
            let expected = KeyConfirmation(finalBits: finalBits, keyCount: partition.keys.count, setAsideBits: partition.setAside.count * 8)
            guard confirmation == expected else {
                throw KeyExchangeViolation("key confirmation: Alice confirms \(confirmation.finalBits) final bits, \(confirmation.keyCount) keys, \(confirmation.setAsideBits) set aside; Bob has \(expected.finalBits), \(expected.keyCount), \(expected.setAsideBits)")
            }
            return try await commit(partition, session: &session)

        case .ended:
            return []
        }
    }

    /// The next parity request, or — Cascade done — the verification tag of the corrected key.
    private mutating func nextCascadeStep(_ corrector: CascadeCorrector, toleratedQBER: Double) -> [OutgoingLinkMessage] {
        var corrector = corrector
        if let request = corrector.nextRequest() {
            state = .reconciling(corrector: corrector, toleratedQBER: toleratedQBER)
            return [context.message(.cascadeParityRequest, request.encode())]
        }
        let key = corrector.correctedKey
        context.report.distillation.correctedErrors = corrector.flippedBits
        context.report.distillation.cascadeParityBits = corrector.disclosedParityBits
        context.report.distillation.epsilonCorrectness = Verification.collisionProbability(keyBits: key.count)
        context.report.distillation.verificationTagBits = Verification.tagBits
        state = .awaitingAmplification(key: key, toleratedQBER: toleratedQBER)
        return [context.message(.verificationTag, Verification.tagMessage(of: key, seed: context.randomness.next()).encode())]
    }

    /// Pending file, key files, pools, acknowledgement — in that order (the crash cases of docs/link-exchange.md).
    private mutating func commit(_ partition: FinalKeyPartition, session: inout some AuthenticationPadSink) async throws(KeyExchangeError) -> [OutgoingLinkMessage] {
        if context.haltPoint == .beforePendingDeposit { return halt() }
        try await context.depositPending(partition)
        if context.haltPoint == .afterPendingDeposit { return halt() }
        try await context.commitPending(keyCount: partition.keys.count, session: &session)
        state = .ended
        if context.haltPoint == .aroundCommit { return [] }
        return [context.message(.keyConfirmationAcknowledgement, KeyConfirmationAcknowledgement(keyCount: partition.keys.count).encode())]
    }

    /// Alice restarted and asks about this block before confirming it: it will never be committed.
    private mutating func answerStatusQuery(_ message: LinkMessage) throws -> [OutgoingLinkMessage] {
        let query = try BlockStatus(decodingQuery: message.payload)
        guard query.blockID == context.header.blockID else {
            throw KeyExchangeViolation("block status query for block \(query.blockID) while \(context.header) is open")
        }
        context.report.outcome = .aborted(reason: .protocolViolation, detail: "Alice restarted before confirming the block", byPeer: true)
        state = .ended
        context.report.framesSent += 1
        return [OutgoingLinkMessage(.blockStatusReply, payload: BlockStatus(blockID: query.blockID, committed: false).encodeReply())]
    }

    private mutating func endWithReportedReason(as linkReason: LinkAbortReason) -> [OutgoingLinkMessage] {
        state = .ended
        return context.abortWithReportedReason(linkReason)
    }

    private mutating func halt() -> [OutgoingLinkMessage] {
        state = .ended
        return []
    }
}
