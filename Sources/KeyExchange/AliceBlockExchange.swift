public import KeyDistillation
public import KeyStore
public import LinkProtocol

/// Alice's node for one key block: announces her bases, discloses the QBER sample, answers
/// Cascade's parity questions, checks Bob's verification tag, computes the finite-key length,
/// draws the whole Toeplitz seed string, holds the block *pending* in her store, confirms, and
/// commits when Bob acknowledges (docs/link-exchange.md has the message table).
///
/// Feed it every block message from the peer (``receive(_:session:)``) and send what it returns,
/// in order. Any message that does not fit — malformed, another step's, another block's header —
/// ends the block with ``LinkProtocol/LinkAbortReason/protocolViolation`` and its reason; a peer's
/// abort ends it with the peer's reason. Once Alice holds the block pending she never discards it
/// on her own: anything but Bob's acknowledgement (an abort, a bad message) leaves the outcome
/// ``KeyBlockOutcome/awaitingSettlement(detail:)``, for ``PendingBlockRecovery`` to settle by asking
/// Bob — he may have committed already. After the block ended, messages are ignored (the node
/// routes them elsewhere).
///
/// Public randomness (the sample seed, the privacy-amplification seed string) comes from
/// `randomness`: the system generator on a lab node, a seeded `Xoshiro256StarStar` in simulation.
public struct AliceBlockExchange<Randomness: RandomNumberGenerator> {
    private enum State {
        case notStarted, awaitingBases
        case awaitingSampleAnswer(sifted: BitString, disclosure: SampleDisclosure)
        case awaitingCascadeSetup(key: BitString, toleratedQBER: Double)
        case reconciling(responder: CascadeResponder, key: BitString, toleratedQBER: Double)
        case awaitingAcknowledgement(keyCount: Int)
        case ended
    }

    private var context: BlockRoleContext<Randomness>
    private var state = State.notStarted
    /// Set by the crash tests: the role stops there as if killed.
    var haltPoint: CommitHaltPoint? {
        get { context.haltPoint }
        set { context.haltPoint = newValue }
    }

    /// Alice's role for block `blockID` over the cycles `detectionRange`, with her `detections`
    /// (index order, all inside the range). Throws on detections out of order or outside the range,
    /// or an invalid configuration.
    public init(blockID: UInt64, detectionRange: Range<UInt64>, detections: [KeyDetection], configuration: KeyExchangeConfiguration,
                store: KeyStore, randomness: Randomness) throws(KeyDistillationError) {
        context = try BlockRoleContext(role: .alice, blockID: blockID, detectionRange: detectionRange, detections: detections,
                                       configuration: configuration, store: store, randomness: randomness)
    }

    /// The block's account so far.
    public var report: KeyBlockExchangeReport { context.report }

    /// True once the block is committed or aborted here.
    public var isFinished: Bool { if case .ended = state { true } else { false } }

    /// Opens the block: Alice's basis announcement (her detections were checked at init).
    public mutating func start() -> [OutgoingLinkMessage] {
        guard case .notStarted = state else { return [] }
        state = .awaitingBases
        return [context.message(.siftingBases, context.basisAnnouncement.encode())]
    }

    /// Takes the peer's next message; returns what to send. `session` is the link the block runs
    /// on: the commit adds the block's set-aside bits to its pools. Throws only for local failures
    /// (the store's disk, the pools).
    public mutating func receive(_ message: LinkMessage, session: inout some AuthenticationPadSink) async throws(KeyExchangeError) -> [OutgoingLinkMessage] {
        switch state {
        case .notStarted, .ended: return []
        default: break
        }
        context.report.framesReceived += 1
        do {
            if message.messageType == .abort { return try endByPeer(message) }
            return try await advance(message, session: &session)
        } catch let error as KeyExchangeError {
            throw error
        } catch {
            let detail = KeyExchangeViolation.detail(of: error)
            if case .awaitingAcknowledgement = state { return awaitSettlement(detail) }
            state = .ended
            return context.abort(.protocolViolation, detail)
        }
    }

    private mutating func advance(_ message: LinkMessage, session: inout some AuthenticationPadSink) async throws -> [OutgoingLinkMessage] {
        switch state {
        case .awaitingBases:
            let sifted = try context.siftAgainstPeerBases(message)
            let sampleSize = try ParameterEstimation.sampleSize(fraction: context.configuration.parameters.sampleFraction, keyLength: sifted.siftedBits)
            context.report.distillation.sampleBits = sampleSize
            guard sampleSize + 4 <= sifted.siftedBits else {
                return end(.tooFewSiftedBits(siftedBits: sifted.siftedBits, sampleBits: sampleSize), as: .noSecretKeyLength)
            }
            let disclosure = try ParameterEstimation.disclose(key: sifted.bits, seed: context.randomness.next(), sampleSize: sampleSize)
            state = .awaitingSampleAnswer(sifted: sifted.bits, disclosure: disclosure)
            return [context.message(.parameterEstimationSample, disclosure.encode())]

        case let .awaitingSampleAnswer(sifted, disclosure):
            let bob = try SampleDisclosure(decoding: context.body(of: message, expected: .parameterEstimationSample, step: "parameter estimation"))
            guard bob.seed == disclosure.seed, bob.keyLength == disclosure.keyLength else {
                throw KeyExchangeViolation("parameter estimation: Bob's sample is for seed \(bob.seed), \(bob.keyLength) bits; Alice's was seed \(disclosure.seed), \(disclosure.keyLength) bits")
            }
            let qber = try ParameterEstimation.estimate(own: disclosure, peer: bob)
            let key = try ParameterEstimation.remainingKey(sifted, after: disclosure)
            guard let tolerated = try SampledQBERCheck.toleratedQBER(qber: qber, keyBits: key.count, sampleBits: disclosure.bits.count,
                                                                     parameters: context.configuration.parameters, report: &context.report.distillation)
            else { return endWithReportedReason(as: .quantumBitErrorRateAboveThreshold) }
            state = .awaitingCascadeSetup(key: key, toleratedQBER: tolerated)
            return []

        case let .awaitingCascadeSetup(key, tolerated):
            let setup = try CascadeSetup(decoding: context.body(of: message, expected: .cascadeSetup, step: "Cascade setup"))
            context.report.distillation.reconciledBits = key.count
            state = .reconciling(responder: try CascadeResponder(key: key, setup: setup), key: key, toleratedQBER: tolerated)
            return []

        case .reconciling(var responder, let key, let tolerated):
            if message.messageType == .cascadeParityRequest {
                let request = try CascadeParityRequest(decoding: context.body(of: message, expected: .cascadeParityRequest, step: "Cascade"))
                let reply = try responder.reply(to: request)
                state = .reconciling(responder: responder, key: key, toleratedQBER: tolerated)
                return [context.message(.cascadeParityReply, reply.encode())]
            }
            let tag = try VerificationTag(decoding: context.body(of: message, expected: .verificationTag, step: "Cascade or verification"))
            context.report.distillation.cascadeParityBits = responder.disclosedParityBits
            return try await verifyAndAmplify(key: key, bobTag: tag, toleratedQBER: tolerated)

        case let .awaitingAcknowledgement(keyCount):
            let acknowledgement = try KeyConfirmationAcknowledgement(
                decoding: context.body(of: message, expected: .keyConfirmationAcknowledgement, step: "key confirmation"))
            guard acknowledgement.keyCount == keyCount else {
                throw KeyExchangeViolation("key confirmation: Bob acknowledged \(acknowledgement.keyCount) keys, Alice confirmed \(keyCount)")
            }
            if context.haltPoint == .aroundCommit { return halt() }
            try await context.commitPending(keyCount: keyCount, session: &session)
            state = .ended
            return []

        case .notStarted, .ended:
            return []
        }
    }

    /// Bob's tag against Alice's key; then ℓ, the seed string, the pending copy, the confirmation.
    private mutating func verifyAndAmplify(key: BitString, bobTag: VerificationTag, toleratedQBER: Double) async throws -> [OutgoingLinkMessage] {
        context.report.distillation.epsilonCorrectness = Verification.collisionProbability(keyBits: key.count)
        context.report.distillation.verificationTagBits = Verification.tagBits
        let passed = try Verification.matches(bobTag, key: key)
        context.report.distillation.verificationPassed = passed
        guard passed else { return end(.verificationFailed, as: .verificationFailed) }
        let length = try SampledQBERCheck.secretLength(report: &context.report.distillation, toleratedQBER: toleratedQBER, parameters: context.configuration.parameters)
        let finalBits = length >= 1 ? Int(length.rounded(.down)) : 0
        guard FinalKeyPartition.keyCount(finalBits: finalBits, setAsideBits: context.configuration.authenticationReplenishmentBits, keySizeBits: context.store.keySizeBits) != nil else {
            return end(.noSecretKey(secretLengthBits: length), as: .noSecretKeyLength,
                       detail: "; \(context.configuration.authenticationReplenishmentBits) set-aside bits and one \(context.store.keySizeBits)-bit key are needed")
        }
        let seed = PrivacyAmplificationSeed(inputBits: key.count, outputBits: finalBits, drawingFrom: &context.randomness)
        let finalKey = try seed.hash().hash(key)
        guard let partition = FinalKeyPartition(finalKey: finalKey, setAsideBits: context.configuration.authenticationReplenishmentBits,
                                                keySizeBits: context.store.keySizeBits) else {
            return end(.noSecretKey(secretLengthBits: length), as: .noSecretKeyLength, detail: "; the hashed key has \(finalKey.count) bits")
        }
        context.report.distillation.secureBits = finalKey.count
        context.report.unusedFinalBits = partition.unusedBits
        if context.haltPoint == .beforePendingDeposit { return halt() }
        try await context.depositPending(partition)
        if context.haltPoint == .afterPendingDeposit { return halt() }
        state = .awaitingAcknowledgement(keyCount: partition.keys.count)
        let confirmation = KeyConfirmation(finalBits: finalKey.count, keyCount: partition.keys.count, setAsideBits: partition.setAside.count * 8)
        return [context.message(.privacyAmplificationSeed, seed.encode()), context.message(.keyConfirmation, confirmation.encode())]
    }

    /// The peer's abort: the block ends with its reason (or awaits settlement when pending).
    private mutating func endByPeer(_ message: LinkMessage) throws -> [OutgoingLinkMessage] {
        let abort = try LinkAbort(payload: message.payload)
        if case .awaitingAcknowledgement = state { return awaitSettlement("Bob aborted (\(abort.reason)): \(abort.detail)") }
        context.recordPeerAbort(abort)
        state = .ended
        return []
    }

    /// The block ends here while pending: only Bob's status answer may commit or discard it.
    private mutating func awaitSettlement(_ detail: String) -> [OutgoingLinkMessage] {
        context.report.outcome = .awaitingSettlement(detail: detail)
        state = .ended
        return []
    }

    private mutating func end(_ reason: KeyBlockAbortReason, as linkReason: LinkAbortReason, detail: String = "") -> [OutgoingLinkMessage] {
        context.report.distillation.abortReason = reason
        return endWithReportedReason(as: linkReason, detail: detail)
    }

    private mutating func endWithReportedReason(as linkReason: LinkAbortReason, detail: String = "") -> [OutgoingLinkMessage] {
        state = .ended
        return context.abortWithReportedReason(linkReason, detail: detail)
    }

    private mutating func halt() -> [OutgoingLinkMessage] {
        state = .ended
        return []
    }
}
