public import KeyStore
public import LinkProtocol

/// How a block ended at one node.
public enum KeyBlockOutcome: Hashable, Sendable, CustomStringConvertible {
    /// Still running (or stopped by a crash before it ended).
    case open
    /// The keys are committed in this node's store under these ids (Alice: after Bob's acknowledgement).
    case committed(keyIDs: [KeyIdentifier])
    /// No key from this block: the reason and detail, and whether this node or the peer ended it.
    case aborted(reason: LinkAbortReason, detail: String, byPeer: Bool)
    /// Alice only: the block ended while her copy was pending and without Bob's acknowledgement
    /// (his abort, a bad message): he may have committed, so ``PendingBlockRecovery`` asks him.
    case awaitingSettlement(detail: String)

    /// "committed 12 keys", "aborted by the peer (protocolViolation): …".
    public var description: String {
        switch self {
        case .open: "open"
        case .committed(let ids): "committed \(ids.count) keys"
        case let .aborted(reason, detail, byPeer): "aborted \(byPeer ? "by the peer" : "here") (\(reason)): \(detail)"
        case .awaitingSettlement(let detail): "pending until the peer's status answer: \(detail)"
        }
    }
}
