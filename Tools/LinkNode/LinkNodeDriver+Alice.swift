import KeyDistillation
import KeyExchange
import KeyStore
import LinkProtocol
import Physics
import SeededRandom

/// Alice's node: answers Bob's start-up alignment request, drives the blocks one at a time
/// (each opened with its tracking cycles' disclosure), settles her pending blocks with Bob, and tells
/// Bob's node of every key her KME hands to a master.
extension LinkNodeDriver {
    func startAlice() async throws(LinkNodeError) {
        do { try await send(PendingBlockRecovery.statusQueries(store: store)) } catch let error as LinkNodeError { throw error } catch {
            throw .state(path: store.directory, reason: "\(error)")
        }
        try await resendReservations()
        // Blocks wait until Bob's process is known: his start-up request (he just started) or his
        // answer to this hello (he was running). A later request means his process restarted.
        try await send([OutgoingLinkMessage(.hello, payload: LinkHello().payload)])
    }

    /// Every key handed to a master here, told to Bob's node again: a notice lost with a
    /// connection or a crash must not leave a key deliverable at one side only (Bob's side
    /// applies them idempotently).
    func resendReservations() async throws(LinkNodeError) {
        let reserved = await store.reservedKeys()
        guard !reserved.isEmpty else { return }
        let groups = Dictionary(grouping: reserved) { "\($0.master)\u{0}\($0.slave)\u{0}\($0.sizeBits)" }
        for key in groups.keys.sorted() {
            let group = groups[key]!
            for start in stride(from: 0, to: group.count, by: KeyDeliveryReservation.maximumKeys) {
                let chunk = group[start..<min(group.count, start + KeyDeliveryReservation.maximumKeys)]
                let notice = KeyDeliveryReservation(master: group[0].master, slave: group[0].slave, sizeBits: group[0].sizeBits,
                                                    identifiers: chunk.map(\.identifier))
                try await send([OutgoingLinkMessage(.keyDeliveryReservation, payload: notice.encode())])
            }
        }
        log("key delivery: told Bob's node again of \(reserved.count) keys handed to masters here")
    }

    func aliceReceives(_ message: LinkMessage) async throws(LinkNodeError) {
        switch message.messageType {
        case .alignmentRequest:
            try await answerAlignmentRequest(message)
            if bobIsKnown { try await endBlockOpenedBeforeBobsRestart() }
            bobIsKnown = true
            try await startNextBlockIfDue()
        case .hello:
            guard !bobIsKnown else { return }
            bobIsKnown = true
            // Bob's process ran before hers. It may still wait for the answer to its alignment
            // request: her previous process's link may have taken the request (it is not sent
            // again) and stopped before answering. The start window again, then (never a block's
            // key); an aligned Bob ignores it.
            try await discloseStartWindow()
            try await startNextBlockIfDue()
        case .blockStatusReply:
            try await settle(message)
        case .alignmentDisclosure, .blockStatusQuery, .keyDeliveryReservation, .linkAcknowledgement:
            log("link: unexpected \(message.messageType) from Bob: ignored")
        default:
            guard var block = aliceBlock else {
                log("link: \(message.messageType) from Bob with no block open here: ignored")
                return
            }
            // A late reply of a block that ended here (Bob's node restarted in it, or it was aborted).
            if isLateMessage(message, before: block.report.header.blockID) { return }
            let replies: [OutgoingLinkMessage]
            do { replies = try await block.receive(message, session: &pads) } catch { throw .service("block \(block.report.header.blockID): \(error)") }
            aliceBlock = block
            try await send(replies)
            if block.isFinished { try await finishAliceBlock(block.report) }
        }
    }

    /// Bob asks for the start window only when his process starts: a block open here lost its
    /// messages with his old process (his transport had acknowledged them), so it ends as if he
    /// had aborted it — held pending here, it goes to the status query that settles it.
    private func endBlockOpenedBeforeBobsRestart() async throws(LinkNodeError) {
        guard var block = aliceBlock else { return }
        let blockID = block.report.header.blockID
        let abort = LinkMessage(messageType: .abort, sequenceNumber: 0,
                                payload: LinkAbort(reason: .protocolViolation, detail: "block \(blockID): Bob's node restarted").payload)
        let replies: [OutgoingLinkMessage]
        do { replies = try await block.receive(abort, session: &pads) } catch { throw .service("block \(blockID): \(error)") }
        try await send(replies)
        log("block \(blockID): ended, Bob's node restarted while it was open")
        aliceBlock = nil
        // Bob's new process never saw the block: it does not count toward --blocks at either node.
        var entry = LinkNodeResult.block(block.report, seconds: seconds(since: blockStartedAt))
        if entry.outcome != "awaiting-settlement" { entry.outcome = "abandoned" }
        try record(entry, counted: false)
        if case .awaitingSettlement = block.report.outcome {
            do { try await send(PendingBlockRecovery.statusQueries(store: store)) } catch let error as LinkNodeError { throw error } catch {
                throw .state(path: store.directory, reason: "\(error)")
            }
        }
    }

    private func answerAlignmentRequest(_ message: LinkMessage) async throws(LinkNodeError) {
        let request: AlignmentRequest
        do { request = try AlignmentRequest(decoding: message.payload) } catch {
            try await sendAbort(.protocolViolation, "alignment request: \(error)")
            return
        }
        guard request.agreementDigest == digest else {
            try await sendAbort(.nodeFilesDisagree, "the node files differ (digest \(String(digest, radix: 16)) here)")
            throw .peerDisagrees(ours: digest, theirs: request.agreementDigest)
        }
        // Only the start window is ever disclosed on request: any other cycles may be a block's key.
        guard request.window == layout.startWindow else {
            try await sendAbort(.protocolViolation, "alignment request for cycles \(request.window.start) + \(request.window.length): only the start window is disclosed")
            return
        }
        try await discloseStartWindow()
    }

    /// Sends Bob the detections of the start window, the only cycles ever disclosed whole.
    private func discloseStartWindow() async throws(LinkNodeError) {
        let window = layout.startWindow
        let detections = node.detections(inCycles: window.cycles)
        let disclosure = AlignmentDisclosure(agreementDigest: digest, windows: [.init(window: window, detections: detections)])
        try await send([OutgoingLinkMessage(.alignmentDisclosure, payload: disclosure.encode())])
        log("alignment: disclosed \(detections.count) detections of the start window (\(window.length) cycles)")
    }

    /// Opens the next block unless one is open, a pending block awaits Bob's answer (the pools
    /// must take the blocks' set-aside bits in the same order at both nodes), the limit is
    /// reached, or the node stops.
    func startNextBlockIfDue() async throws(LinkNodeError) {
        let pending = try await pendingBlocks()
        try markFinishedIfDone(pendingBlocks: pending.count)
        guard bobIsKnown, aliceBlock == nil, pending.isEmpty, blockLimit == 0 || result.blocksFinished < blockLimit else { return }
        let blockID = progress.nextBlockID
        guard blockID <= layout.largestBlockID else { throw .service("block \(blockID): past the last block the cycle counter allows") }
        progress.nextBlockID = blockID + 1
        try progress.save(directory: file.stateDirectory)
        blockStartedAt = clock.now

        let cycles = layout.cycles(ofBlock: blockID)
        let detections = node.detections(inCycles: cycles)
        let disclosure = AlignmentDisclosure(agreementDigest: digest, windows: [
            .init(window: layout.window(ofBlock: blockID), detections: detections.filter { layout.isTrackingCycle($0.cycle) }),
        ])
        let keyDetections = detections.filter { !layout.isTrackingCycle($0.cycle) }.map { KeyDetection($0, aliceCycle: $0.cycle) }
        var block: AliceBlockExchange<Xoshiro256StarStar>
        do {
            block = try AliceBlockExchange(blockID: blockID, detectionRange: UInt64(cycles.lowerBound)..<UInt64(cycles.upperBound),
                                           detections: keyDetections, configuration: configuration, store: store,
                                           randomness: blockRandomness(blockID))
        } catch { throw .service("block \(blockID): \(error)") }
        try await send([OutgoingLinkMessage(.alignmentDisclosure, payload: disclosure.encode())])
        try await send(block.start())
        aliceBlock = block
    }

    private func finishAliceBlock(_ report: KeyBlockExchangeReport) async throws(LinkNodeError) {
        aliceBlock = nil
        try record(LinkNodeResult.block(report, seconds: seconds(since: blockStartedAt)))
        if case .awaitingSettlement = report.outcome {
            do { try await send(PendingBlockRecovery.statusQueries(store: store)) } catch let error as LinkNodeError { throw error } catch {
                throw .state(path: store.directory, reason: "\(error)")
            }
        }
        try await startNextBlockIfDue()
    }

    private func settle(_ message: LinkMessage) async throws(LinkNodeError) {
        let settlement: PendingBlockRecovery.Settlement
        do { settlement = try await PendingBlockRecovery.settle(message, store: store, session: &pads) } catch {
            if case .protocolViolation(let violation) = error {
                log("recovery: \(violation): ignored")
                return
            }
            throw .service("recovery: \(error)")
        }
        let (blockID, outcome) = switch settlement {
        case let .committed(blockID, keyCount): (blockID, "settled-committed (\(keyCount) keys)")
        case .discarded(let blockID): (blockID, "settled-discarded")
        }
        log("block \(blockID): \(outcome) on Bob's answer")
        let settled = outcome.hasPrefix("settled-committed") ? "settled-committed" : "settled-discarded"
        let keys: Int = if case let .committed(_, keyCount) = settlement { keyCount } else { 0 }
        if let index = result.blocks.lastIndex(where: { $0.blockID == blockID }) {
            result.blocks[index].outcome = settled
            result.blocks[index].keys = keys
            try writeResult()
        } else {
            // Pending when an earlier process of this node stopped, before its result had the block.
            try record(LinkNodeResult.Block(blockID: blockID, outcome: settled, detail: "settled after a restart", rawDetections: 0, siftedBits: 0,
                                            sampleBits: 0, leakedBits: 0, secureBits: 0, keys: keys,
                                            epsilonSecrecy: file.blocks.parameters.epsilonSecrecy, seconds: 0))
        }
        try await startNextBlockIfDue()
    }
}
