import KeyDistillation
import KeyExchange
import KeyStore
import LinkProtocol
import Physics
import SeededRandom

/// Bob's node: rolls his pending blocks forward, asks Alice for the start window, places each
/// block's cycles from its tracking cycles, answers Alice's blocks and status queries, and
/// reserves the keys Alice's KME handed to masters.
extension LinkNodeDriver {
    func startBob() async throws(LinkNodeError) {
        let rolled: [UInt64]
        do { rolled = try await PendingBlockRecovery.rollForward(store: store, session: &pads) } catch { throw .service("recovery: \(error)") }
        if !rolled.isEmpty { log("recovery: committed pending blocks \(rolled.map(String.init).joined(separator: ", ")) (Bob's pending file is his decision)") }
        let request = AlignmentRequest(agreementDigest: digest, window: layout.startWindow)
        try await send([OutgoingLinkMessage(.alignmentRequest, payload: request.encode())])
    }

    func bobReceives(_ message: LinkMessage) async throws(LinkNodeError) {
        switch message.messageType {
        case .alignmentDisclosure:
            try await takeDisclosure(message)
        case .blockStatusQuery:
            do { try await send([PendingBlockRecovery.answer(message, store: store)]) } catch let error as LinkNodeError { throw error } catch {
                log("recovery: \(error): ignored")
            }
        case .keyDeliveryReservation:
            await takeReservation(message)
        case .hello:
            // Alice's process started: she opens blocks once she knows Bob's runs.
            try await send([OutgoingLinkMessage(.hello, payload: LinkHello().payload)])
        case .alignmentRequest, .blockStatusReply, .linkAcknowledgement:
            log("link: unexpected \(message.messageType) from Alice: ignored")
        default:
            guard isAligned else {
                droppedBeforeAlignment += 1
                return
            }
            if message.messageType == .siftingBases {
                try await openBobBlock(message)
            } else if var block = bobBlock, !block.isFinished {
                let replies: [OutgoingLinkMessage]
                do { replies = try await block.receive(message, session: &pads) } catch { throw .service("block \(block.report.header.blockID): \(error)") }
                bobBlock = block
                try await send(replies)
                if block.isFinished { try await finishBobBlock(block.report) }
            } else if message.messageType == .abort {
                log("link: Alice aborted with no block open here")
            } else if isLateMessage(message, before: progress.nextBlockID) {
                // Alice ends her block on the abort that crosses it.
            } else {
                try await sendAbort(.protocolViolation, "\(message.messageType) for a block Bob does not hold open (restarted?)")
            }
        }
    }

    private func takeDisclosure(_ message: LinkMessage) async throws(LinkNodeError) {
        let disclosure: AlignmentDisclosure
        do { disclosure = try AlignmentDisclosure(decoding: message.payload) } catch {
            try await sendAbort(.protocolViolation, "alignment disclosure: \(error)")
            return
        }
        guard disclosure.agreementDigest == digest else {
            try await sendAbort(.nodeFilesDisagree, "the node files differ (digest \(String(digest, radix: 16)) here)")
            throw .peerDisagrees(ours: digest, theirs: disclosure.agreementDigest)
        }
        if disclosure.windows.count == 1, disclosure.windows[0].window == layout.startWindow {
            // Sent again by a restarted Alice, or the answers to two requests of Bob's: the same
            // cycles, the same placement.
            guard !isAligned else {
                log("alignment: the start window's detections again: aligned already")
                return
            }
            try alignAtStart(disclosure.windows[0].detections)
            dropMessagesSentBeforeAlignment()
            // A Bob restarted after his last block has nothing more to run: he says so now (no
            // block will finish to say it), and serves keys.
            try markFinishedIfDone(pendingBlocks: try await pendingBlocks().count)
            return
        }
        guard isAligned else {
            droppedBeforeAlignment += 1
            return
        }
        guard disclosure.windows.count == 1,
              let blockID = layout.block(ofWindowStart: disclosure.windows[0].window.start, length: disclosure.windows[0].window.length) else {
            log("alignment: a disclosure that is not one block's tracking cycles: ignored")
            return
        }
        let node = node
        placements[blockID] = Result { () throws(LinkNodeError) -> BlockAlignment in
            try aligner.keyDetections(ofBlock: blockID, disclosed: disclosure.windows[0].detections, ownDetections: node.detections(inCycles:))
        }
    }

    /// Block messages that came before the start window's disclosure were sent before Alice
    /// answered this process's alignment request (the link keeps her order), so they belong to a
    /// block she opened for Bob's previous process and ends on that request: taken now, their
    /// replies would reach her next block and end it, and every block after it, one block apart.
    private func dropMessagesSentBeforeAlignment() {
        guard droppedBeforeAlignment > 0 else { return }
        log("link: dropped \(droppedBeforeAlignment) block messages Alice sent before she answered this process's alignment request "
            + "(a block of Bob's previous process, which she ends)")
        droppedBeforeAlignment = 0
    }

    private func alignAtStart(_ disclosed: [LinkDetection]) throws(LinkNodeError) {
        let mapping = try aligner.alignStart(disclosed: disclosed, ownDetections: node.detections(inCycles:))
        let window = layout.startWindow
        let centre = window.start + window.length / 2
        let truth = node.trueOffsetCycles(atAliceCycle: centre)
        let found = mapping.bobPosition(forAlice: centre) - Double(centre)
        result.alignment = LinkNodeResult.Alignment(
            offsetCycles: found, offsetStandardErrorCycles: mapping.standardError(forAlice: centre), trueOffsetCycles: truth,
            driftPartsPerMillion: mapping.driftPartsPerMillion, driftStandardErrorPartsPerMillion: mapping.driftStandardErrorPartsPerMillion,
            significance: mapping.significance)
        isAligned = true
        log("alignment: Bob's cycle − Alice's = \(String(format: "%.3f", found)) cycles at cycle \(centre) (world's truth \(truth)), "
            + "drift \(String(format: "%.3f", mapping.driftPartsPerMillion)) ppm, from \(disclosed.count) disclosed detections")
        try writeResult()
    }

    private func openBobBlock(_ message: LinkMessage) async throws(LinkNodeError) {
        guard let header = KeyBlockHeader(leadingBytesOf: message.payload) else {
            try await sendAbort(.protocolViolation, "sifting bases without a readable block header")
            return
        }
        let blockID = header.blockID
        if let open = bobBlock, !open.isFinished {
            // Alice ended it without a word here: her node restarted in it (her new process
            // settles it and counts it), or Bob's did and his new process answered it late.
            log("block \(open.report.header.blockID): abandoned, Alice opened block \(blockID)")
            var entry = LinkNodeResult.block(open.report, seconds: seconds(since: blockStartedAt), alignment: bobPlacement)
            entry.outcome = "abandoned"
            try record(entry)
        }
        bobBlock = nil
        bobPlacement = nil
        guard blockID >= progress.nextBlockID, blockID <= layout.largestBlockID else {
            try await sendAbort(.protocolViolation, "\(header): run here before (the next block accepted is \(progress.nextBlockID))")
            return
        }
        let cycles = layout.cycles(ofBlock: blockID)
        guard header.detectionRange == UInt64(cycles.lowerBound)..<UInt64(cycles.upperBound) else {
            try await sendAbort(.protocolViolation, "\(header): the layout puts block \(blockID) in cycles \(cycles)")
            return
        }
        progress.nextBlockID = blockID + 1
        try progress.save(directory: file.stateDirectory)
        placements = placements.filter { $0.key >= blockID }
        blockStartedAt = clock.now
        let placement: BlockAlignment
        switch placements.removeValue(forKey: blockID) {
        case .success(let found)?: placement = found
        case .failure(let error)?:
            try await abortUnplaced(blockID, "\(error)")
            return
        case nil:
            try await abortUnplaced(blockID, "no tracking disclosure arrived for it")
            return
        }
        var block: BobBlockExchange<Xoshiro256StarStar>
        do {
            block = try BobBlockExchange(blockID: blockID, detectionRange: header.detectionRange, detections: placement.detections,
                                         configuration: configuration, store: store, randomness: blockRandomness(blockID))
        } catch {
            try await sendAbort(.protocolViolation, "\(header): \(error)")
            return
        }
        let replies: [OutgoingLinkMessage]
        do { replies = try await block.receive(message, session: &pads) } catch { throw .service("block \(blockID): \(error)") }
        bobBlock = block
        bobPlacement = placement
        try await send(replies)
        if block.isFinished { try await finishBobBlock(block.report) }
    }

    private func abortUnplaced(_ blockID: UInt64, _ detail: String) async throws(LinkNodeError) {
        try await sendAbort(.cycleAlignmentLost, "block \(blockID): \(detail)")
        try record(LinkNodeResult.Block(blockID: blockID, outcome: "aborted", abortReason: "\(LinkAbortReason.cycleAlignmentLost)", detail: detail,
                                        rawDetections: 0, siftedBits: 0, sampleBits: 0, leakedBits: 0, secureBits: 0, keys: 0,
                                        epsilonSecrecy: file.blocks.parameters.epsilonSecrecy, seconds: 0))
        try markFinishedIfDone(pendingBlocks: 0)
    }

    private func finishBobBlock(_ report: KeyBlockExchangeReport) async throws(LinkNodeError) {
        let blockID = report.header.blockID
        try record(LinkNodeResult.block(report, seconds: seconds(since: blockStartedAt), alignment: bobPlacement,
                                        trueOffset: node.trueOffsetCycles(atAliceCycle: layout.cycles(ofBlock: blockID).lowerBound)))
        try markFinishedIfDone(pendingBlocks: try await pendingBlocks().count)
    }

    private func takeReservation(_ message: LinkMessage) async {
        do {
            let notice = try KeyDeliveryReservation(decoding: message.payload)
            let fresh = try await notice.apply(to: store)
            if fresh > 0 { log("key delivery: \(fresh) keys reserved for \(notice.slave) (handed to \(notice.master) at Alice's KME)") }
        } catch {
            log("key delivery: reservation notice refused: \(error)")
        }
    }
}
