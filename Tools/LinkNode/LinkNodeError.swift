/// Why a node stops or a block could not run; each says what and where.
public enum LinkNodeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Cycle alignment found no significant peak.
    case alignment(String)
    /// The node's state folder or a file in it.
    case state(path: String, reason: String)
    /// The pre-shared secret file.
    case secret(path: String, reason: String)
    /// The peer describes another world (its digest differs from ours).
    case peerDisagrees(ours: UInt64, theirs: UInt64)
    /// The peer broke the node protocol (see the reason).
    case peer(String)
    /// The link, key store or key delivery failed.
    case service(String)

    /// The error as one line.
    public var description: String {
        switch self {
        case .alignment(let detail): "cycle alignment: \(detail)"
        case let .state(path, reason): "\(path): \(reason)"
        case let .secret(path, reason): "\(path): pre-shared secret: \(reason)"
        case let .peerDisagrees(ours, theirs):
            "the peer's node file describes another world, block layout or parameters (digest \(String(theirs, radix: 16)), ours \(String(ours, radix: 16))): give both nodes the same [world] and [blocks]"
        case .peer(let detail): "peer: \(detail)"
        case .service(let detail): detail
        }
    }
}
