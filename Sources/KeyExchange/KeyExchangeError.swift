public import KeyStore
public import LinkProtocol

/// A local failure that stops a role (the peer's misbehaviour is not one: it ends the block with
/// a protocol violation and an abort message). The node treats it like a crash: the session's
/// connection closes and, after a restart, pending blocks are settled with the peer.
public enum KeyExchangeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The key store could not write or read its folder.
    case store(KeyStoreError)
    /// The set-aside bits could not go into the authentication pools.
    case authentication(LinkProtocolError)
    /// The pools' owner (the node's transport) could not take the set-aside bits: it was closed.
    case padSinkUnavailable(reason: String)
    /// A peer's message outside any block's role (a status reply that cannot be read, one for a
    /// block this node does not hold pending).
    case protocolViolation(KeyExchangeViolation)

    /// What failed, in a sentence.
    public var description: String {
        switch self {
        case .store(let error): "key store: \(error)"
        case .authentication(let error): "authentication pool: \(error)"
        case .padSinkUnavailable(let reason): "authentication pools unavailable: \(reason)"
        case .protocolViolation(let violation): "protocol violation: \(violation)"
        }
    }
}
