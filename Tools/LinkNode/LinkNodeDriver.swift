import Foundation
import KeyDistillation
import KeyExchange
import KeyStore
import LinkProtocol
import LinkTransport
import Physics
import SeededRandom

/// The commit's set-aside bits go to the transport, which owns the session and its pools; the
/// session is saved at once, so the window in which a crash loses them at this node only (the
/// store's commit has deleted the pending file that held them) is one durable write long.
struct TransportPads: AuthenticationPadSink {
    let transport: LinkTransport
    let sessionFile: LinkSessionStateFile
    mutating func replenish(bits: [UInt8]) async throws {
        try await transport.replenish(bits: bits)
        let snapshot = try await transport.snapshot(reservingOutgoingPads: LinkNodeDriver.padsReservedPerSave)
        try sessionFile.save(snapshot)
        try await transport.snapshotSaved(snapshot)
    }
}

/// One node's block driver (docs/link-node.md): everything both roles share — the board, the
/// store, the transport, the result and the progress files. Runs on one task; the role's
/// handlers (`LinkNodeDriver+Alice`, `+Bob`) take the peer's messages one at a time.
final class LinkNodeDriver {
    let file: LinkNodeFile
    let layout: LinkBlockLayout
    let digest: UInt64
    let node: SimulatedLinkNode
    let store: KeyStore
    let transport: LinkTransport
    let log: @Sendable (String) -> Void
    let resultPath: String
    let sessionFile: LinkSessionStateFile
    /// Outgoing pads each save of the session claims ahead: a crash skips at most this many.
    static let padsReservedPerSave = 1024
    /// Blocks to finish before only serving keys; 0: no limit.
    let blockLimit: Int
    let configuration: KeyExchangeConfiguration
    var pads: TransportPads
    var result: LinkNodeResult
    var progress: LinkNodeProgress
    let clock = ContinuousClock()

    // Alice's open block, and whether Bob's current process has been heard from.
    var aliceBlock: AliceBlockExchange<Xoshiro256StarStar>?
    var bobIsKnown = false
    // Bob's alignment, the messages dropped before it, placements per block and open block.
    var aligner: BobCycleAligner
    var isAligned = false
    var droppedBeforeAlignment = 0
    var placements: [UInt64: Result<BlockAlignment, LinkNodeError>] = [:]
    var bobBlock: BobBlockExchange<Xoshiro256StarStar>?
    var bobPlacement: BlockAlignment?
    var blockStartedAt: ContinuousClock.Instant

    init(file: LinkNodeFile, node: SimulatedLinkNode, store: KeyStore, transport: LinkTransport, sessionFile: LinkSessionStateFile,
         resultPath: String, blockLimit: Int,
         log: @escaping @Sendable (String) -> Void) throws(LinkNodeError) {
        self.file = file
        layout = file.layout
        digest = LinkNodeAgreement.digest(of: file)
        self.node = node
        self.store = store
        self.transport = transport
        self.log = log
        self.resultPath = resultPath
        self.sessionFile = sessionFile
        self.blockLimit = blockLimit
        configuration = KeyExchangeConfiguration(parameters: file.blocks.parameters,
                                                  authenticationReplenishmentBits: file.blocks.authenticationReplenishmentBits)
        pads = TransportPads(transport: transport, sessionFile: sessionFile)
        result = LinkNodeResult.resumed(from: resultPath, file: file, log: log)
        progress = try LinkNodeProgress.load(directory: file.stateDirectory)
        aligner = BobCycleAligner(layout: file.layout, searchCycles: file.blocks.searchCycles)
        blockStartedAt = clock.now
    }

    /// Runs the role until the transport closes (the node was asked to stop).
    func run() async throws(LinkNodeError) {
        try writeResult()
        if file.role == .alice { try await startAlice() } else { try await startBob() }
        var messages = transport.messages.makeAsyncIterator()
        while let message = await messages.next() {
            if file.role == .alice { try await aliceReceives(message) } else { try await bobReceives(message) }
            try await saveSession()
        }
        try writeResult()
    }

    /// Saves the session after each message handled: the replay floor, the pools as replenished,
    /// and the next outgoing pads claimed (docs/link-channel.md, "Across restarts").
    func saveSession() async throws(LinkNodeError) {
        do {
            let snapshot = try await transport.snapshot(reservingOutgoingPads: Self.padsReservedPerSave)
            try sessionFile.save(snapshot)
            try await transport.snapshotSaved(snapshot)
        } catch LinkTransportError.closed {
            return
        } catch {
            throw .state(path: sessionFile.directory + "/" + LinkSessionStateFile.fileName, reason: "cannot save the session: \(error)")
        }
    }

    /// Sends `messages` in order; a closed transport means the node is stopping.
    func send(_ messages: [OutgoingLinkMessage]) async throws(LinkNodeError) {
        for message in messages {
            do { try await transport.send(message.messageType, payload: message.payload) } catch {
                throw .service("link: cannot send \(message.messageType): \(error)")
            }
        }
    }

    /// True, and logged, for a late message of a block that ended at this node: a block message
    /// (not an abort, which carries no block header) naming a block before `current`. Such a message
    /// is dropped, never answered: ending the open block on it, or aborting back, would leave the
    /// nodes one block apart from then on (docs/link-node.md).
    func isLateMessage(_ message: LinkMessage, before current: UInt64) -> Bool {
        guard message.messageType != .abort, let header = KeyBlockHeader(leadingBytesOf: message.payload),
              header.blockID < current else { return false }
        log("link: \(message.messageType) for block \(header.blockID), which ended here: ignored")
        return true
    }

    /// Ends the open block at the peer with `reason` (no block role here to do it).
    func sendAbort(_ reason: LinkAbortReason, _ detail: String) async throws(LinkNodeError) {
        log("link: abort sent (\(reason)): \(detail)")
        try await send([OutgoingLinkMessage(.abort, payload: LinkAbort(reason: reason, detail: detail).payload)])
    }

    /// The seeded public randomness of block `blockID` at this role (simulated boards: a run is
    /// reproducible by its seeds; a lab node would use the system generator).
    func blockRandomness(_ blockID: UInt64) -> Xoshiro256StarStar {
        Xoshiro256StarStar(seed: file.world.parameters.seed).derived(stream: blockID &* 2 &+ (file.role == .alice ? 0 : 1))
    }

    /// Adds a finished block (`counted`: toward the block limit) and rewrites the result.
    func record(_ block: LinkNodeResult.Block, counted: Bool = true) throws(LinkNodeError) {
        result.blocks.append(block)
        if counted { result.blocksFinished += 1 }
        log("block \(block.blockID): \(block.outcome)\(block.abortReason.map { " (\($0))" } ?? "")"
            + " sifted \(block.siftedBits), QBER \(block.qber.map { String(format: "%.4f", $0) } ?? "–")"
            + ", secure \(block.secureBits) bits, \(block.keys) keys, \(String(format: "%.1f", block.seconds)) s")
        try writeResult()
    }

    /// Rewrites the result file with the totals and the store's ready count.
    func writeResult() throws(LinkNodeError) {
        result.updateTotals(cyclePeriodSeconds: Double(file.world.parameters.aliceCycles.cyclePeriodPicoseconds) * 1e-12,
                            cyclesPerBlock: layout.cyclesPerBlock)
        try result.write(to: resultPath)
    }

    /// Marks the run finished once the block limit is reached and nothing is open or pending.
    func markFinishedIfDone(pendingBlocks: Int) throws(LinkNodeError) {
        guard blockLimit > 0, !result.finished, result.blocksFinished >= blockLimit,
              aliceBlock == nil, bobBlock.map(\.isFinished) ?? true, pendingBlocks == 0 else { return }
        result.finished = true
        log("finished \(result.blocksFinished) blocks: \(result.totalKeys) keys; serving keys until stopped")
        try writeResult()
    }

    func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = clock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }

    /// The store's pending block ids; a disk failure stops the node.
    func pendingBlocks() async throws(LinkNodeError) -> [UInt64] {
        do { return try await store.pendingBlocks() } catch { throw .state(path: store.directory, reason: "\(error)") }
    }
}

