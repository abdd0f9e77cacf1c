public import KeyStore
public import LinkProtocol

/// What a node does with pending blocks after a restart, so that no key is ever deliverable at
/// one side only (docs/link-exchange.md, "Crash cases").
///
/// - Alice's pending block is undecided: she asks Bob (``statusQueries(store:)``) and commits or
///   discards on his answer (``settle(_:store:session:)``).
/// - Bob's pending block is decided (he writes it only on the way to committing):
///   ``rollForward(store:session:)`` commits it before he answers anything.
/// - Bob answers a query from his store (``answer(_:store:)``): committed when the block's first
///   key is stored or pending there, otherwise not — and, the frames of a direction arriving in
///   order, Alice's older confirmation can no longer reach him after the query.
public enum PendingBlockRecovery {
    /// How Alice settled one pending block.
    public enum Settlement: Hashable, Sendable {
        /// Bob holds it: committed here too, its set-aside bits in the pools.
        case committed(blockID: UInt64, keyCount: Int)
        /// Bob does not: discarded here.
        case discarded(blockID: UInt64)
    }

    /// Alice after a restart: one status query per pending block, oldest first.
    public static func statusQueries(store: KeyStore) async throws(KeyExchangeError) -> [OutgoingLinkMessage] {
        let pending: [UInt64]
        do { pending = try await store.pendingBlocks() } catch { throw .store(error) }
        return pending.map { OutgoingLinkMessage(.blockStatusQuery, payload: BlockStatus(blockID: $0, committed: false).encodeQuery()) }
    }

    /// Alice: commits or discards the pending block Bob's status reply is about. Throws a protocol
    /// violation for a reply that does not decode or names a block not pending here.
    public static func settle(_ reply: LinkMessage, store: KeyStore, session: inout some AuthenticationPadSink) async throws(KeyExchangeError) -> Settlement {
        guard reply.messageType == .blockStatusReply else {
            throw .protocolViolation(KeyExchangeViolation("recovery: expected a block status reply, got \(reply.messageType)"))
        }
        let status: BlockStatus
        do { status = try BlockStatus(decodingReply: reply.payload) } catch { throw .protocolViolation(error) }
        do {
            guard try await store.pendingBlocks().contains(status.blockID) else {
                throw KeyExchangeError.protocolViolation(KeyExchangeViolation("recovery: status reply for block \(status.blockID), which is not pending here"))
            }
            guard status.committed else {
                try await store.discard(blockID: status.blockID)
                return .discarded(blockID: status.blockID)
            }
            let setAside = try await store.commit(blockID: status.blockID)
            try await BlockCommit.replenish(&session, with: setAside)
            return .committed(blockID: status.blockID, keyCount: await store.keyCount(blockID: status.blockID))
        } catch let error as KeyStoreError {
            throw .store(error)
        } catch let error as KeyExchangeError {
            throw error
        } catch {
            throw .protocolViolation(KeyExchangeViolation(String(describing: error)))
        }
    }

    /// Bob after a restart: commits every pending block (his pending file is his decision to
    /// commit) and adds its set-aside bits to the pools. Returns the block ids.
    public static func rollForward(store: KeyStore, session: inout some AuthenticationPadSink) async throws(KeyExchangeError) -> [UInt64] {
        let pending: [UInt64]
        do { pending = try await store.pendingBlocks() } catch { throw .store(error) }
        for blockID in pending {
            let setAside: KeyMaterial
            do { setAside = try await store.commit(blockID: blockID) } catch { throw .store(error) }
            try await BlockCommit.replenish(&session, with: setAside)
        }
        return pending
    }

    /// Bob: the reply to Alice's status query, from his store.
    public static func answer(_ query: LinkMessage, store: KeyStore) async throws(KeyExchangeError) -> OutgoingLinkMessage {
        guard query.messageType == .blockStatusQuery else {
            throw .protocolViolation(KeyExchangeViolation("recovery: expected a block status query, got \(query.messageType)"))
        }
        let status: BlockStatus
        do { status = try BlockStatus(decodingQuery: query.payload) } catch { throw .protocolViolation(error) }
        let pending: [UInt64]
        do { pending = try await store.pendingBlocks() } catch { throw .store(error) }
        let committed = await store.holdsCommittedBlock(status.blockID) || pending.contains(status.blockID)
        return OutgoingLinkMessage(.blockStatusReply, payload: BlockStatus(blockID: status.blockID, committed: committed).encodeReply())
    }
}
