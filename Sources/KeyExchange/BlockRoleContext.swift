import KeyDistillation
import KeyStore
import LinkProtocol

/// What Alice's and Bob's block roles share: the node's detections, configuration, store and
/// public randomness; the block's report (header, frame counts, outcome); the block message
/// framing; the endings (an abort out, the outcome in the report); the pending deposit and the
/// commit into the store and the pools. Each role keeps only its own steps and state.
struct BlockRoleContext<Randomness: RandomNumberGenerator> {
    var report: KeyBlockExchangeReport
    var header: KeyBlockHeader { report.header }
    let detections: [KeyDetection]
    let configuration: KeyExchangeConfiguration
    let store: KeyStore
    var randomness: Randomness
    /// Set by the crash tests: the role stops there as if killed.
    var haltPoint: CommitHaltPoint?

    /// `role`'s context for block `blockID` over `detectionRange`; throws on detections out of
    /// order or outside the range, or an invalid configuration.
    init(role: LinkRole, blockID: UInt64, detectionRange: Range<UInt64>, detections: [KeyDetection],
         configuration: KeyExchangeConfiguration, store: KeyStore, randomness: Randomness) throws(KeyDistillationError) {
        try configuration.validate()
        try BlockDetections.check(detections, in: detectionRange)
        report = KeyBlockExchangeReport(header: KeyBlockHeader(blockID: blockID, detectionRange: detectionRange),
                                        role: role, epsilonSecrecy: configuration.parameters.epsilonSecrecy)
        self.detections = detections
        self.configuration = configuration
        self.store = store
        self.randomness = randomness
        switch role {
        case .alice: report.distillation.rawDetectionsAlice = detections.count
        case .bob: report.distillation.rawDetectionsBob = detections.count
        }
    }

    /// This node's basis announcement: its detections' cycle indices and bases.
    var basisAnnouncement: BasisAnnouncement {
        BasisAnnouncement(indices: detections.map(\.index), bases: BitString(bits: detections.map { $0.basis == .diagonal }))
    }

    /// A block message of `type` with the header before `body`, counted as sent.
    mutating func message(_ type: LinkMessageType, _ body: [UInt8]) -> OutgoingLinkMessage {
        report.framesSent += 1
        return OutgoingLinkMessage(type, payload: header.framing(body))
    }

    /// Ends the block here with `reason`: the outcome, and the abort for the peer.
    mutating func abort(_ reason: LinkAbortReason, _ detail: String) -> [OutgoingLinkMessage] {
        report.outcome = .aborted(reason: reason, detail: detail, byPeer: false)
        report.framesSent += 1
        return [OutgoingLinkMessage(.abort, payload: LinkAbort(reason: reason, detail: "\(header): \(detail)").payload)]
    }

    /// Ends the block with the abort reason the distillation step recorded (or `linkReason`), plus `detail`.
    mutating func abortWithReportedReason(_ linkReason: LinkAbortReason, detail: String = "") -> [OutgoingLinkMessage] {
        abort(linkReason, (report.distillation.abortReason?.description ?? "\(linkReason)") + detail)
    }

    /// The peer's abort, its reason recorded as the outcome.
    mutating func recordPeerAbort(_ abort: LinkAbort) {
        report.outcome = .aborted(reason: abort.reason, detail: abort.detail, byPeer: true)
    }

    /// The body of a block message expected as `expected` in step `step`; throws when the type is
    /// another or the header names another block or range.
    func body(of message: LinkMessage, expected: LinkMessageType, step: String) throws(KeyExchangeViolation) -> [UInt8] {
        guard message.messageType == expected else {
            throw KeyExchangeViolation("\(step): expected \(expected) (0x\(String(expected.rawValue, radix: 16))), got \(message.messageType) (0x\(String(message.messageType.rawValue, radix: 16)))")
        }
        let (found, body) = try KeyBlockHeader.split(message.payload, message: "\(expected)")
        guard found == header else { throw KeyExchangeViolation("\(step): \(expected) for \(found), this is \(header)") }
        return body
    }

    /// Sifts this node's detections against the peer's basis announcement in `message`, counting
    /// the peer's detections and the sifted bits in the report. Throws on bytes that do not decode,
    /// another step's message, or announced indices outside the block's detection range.
    mutating func siftAgainstPeerBases(_ message: LinkMessage) throws -> SiftedKey {
        let peer = try BasisAnnouncement(decoding: body(of: message, expected: .siftingBases, step: "sifting"))
        if let first = peer.indices.first, let last = peer.indices.last,
           first < header.detectionRange.lowerBound || last >= header.detectionRange.upperBound {
            throw KeyExchangeViolation("sifting bases: indices \(first) … \(last) outside \(header)")
        }
        switch report.role {
        case .alice: report.distillation.rawDetectionsBob = peer.indices.count
        case .bob: report.distillation.rawDetectionsAlice = peer.indices.count
        }
        let sifted = try Sifting.sift(own: detections, peer: peer)
        report.distillation.siftedBits = sifted.siftedBits
        return sifted
    }

    /// The block's keys and set-aside bits into the store as pending, durably.
    func depositPending(_ partition: FinalKeyPartition) async throws(KeyExchangeError) {
        do {
            try await store.depositPending(blockID: header.blockID, keys: partition.keys, setAside: KeyMaterial(bytes: partition.setAside))
        } catch { throw .store(error) }
    }

    /// Commits the pending block in the store, adds its set-aside bits to `session`'s pools, and
    /// records the committed outcome (`keyCount` keys).
    mutating func commitPending(keyCount: Int, session: inout some AuthenticationPadSink) async throws(KeyExchangeError) {
        let setAside: KeyMaterial
        do { setAside = try await store.commit(blockID: header.blockID) } catch { throw .store(error) }
        try await BlockCommit.replenish(&session, with: setAside)
        report.authenticationBitsReplenished = setAside.bitCount
        report.outcome = .committed(keyIDs: (0..<keyCount).map { KeyIdentifier(blockID: header.blockID, keyIndex: UInt32($0)) })
    }
}
