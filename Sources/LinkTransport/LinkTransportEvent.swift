public import LinkProtocol

/// What the transport reports to the node's log: connections, and why one was refused or closed.
public enum LinkTransportEvent: Sendable, Equatable, CustomStringConvertible {
    /// Bob listens on this port.
    case listening(port: Int)
    /// A connection to the peer is up (the resume handshake follows).
    case connected(peer: String)
    /// Bob refused a connection because another one is serving the link.
    case refusedSecondConnection(peer: String)
    /// A received frame failed (bad magic, version, type, length, tag, replay): connection closed.
    case frameRejected(peer: String, error: LinkProtocolError)
    /// The peer broke the transport's rules (see the reason): connection closed.
    case protocolViolation(peer: String, reason: String)
    /// Nothing arrived for `silence`: connection closed.
    case idleTimeout(peer: String, silence: Duration)
    /// The connection ended.
    case disconnected(peer: String)
    /// Alice's TCP connect failed.
    case connectFailed(reason: String)
    /// Alice retries after `delay` (attempt counts failures in a row, from 1).
    case reconnectScheduled(attempt: Int, delay: Duration)
    /// An outgoing frame could not be sealed (usually: pad pool exhausted until replenished).
    case sealFailed(error: LinkProtocolError)

    /// The event as one log line.
    public var description: String {
        switch self {
        case .listening(let port): "link: listening on port \(port)"
        case .connected(let peer): "link: connected to \(peer)"
        case .refusedSecondConnection(let peer): "link: refused \(peer): another connection serves the link"
        case .frameRejected(let peer, let error): "link: closed \(peer): \(error)"
        case .protocolViolation(let peer, let reason): "link: closed \(peer): \(reason)"
        case .idleTimeout(let peer, let silence): "link: closed \(peer): nothing received for \(silence)"
        case .disconnected(let peer): "link: disconnected from \(peer)"
        case .connectFailed(let reason): "link: connect failed: \(reason)"
        case .reconnectScheduled(let attempt, let delay): "link: reconnect attempt \(attempt) in \(delay)"
        case .sealFailed(let error): "link: cannot seal a frame: \(error)"
        }
    }
}

/// The node's logger: the transport calls it from its event loop; it must not block.
public typealias LinkTransportLog = @Sendable (LinkTransportEvent) -> Void
