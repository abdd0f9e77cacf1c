/// A peer's message that the block's protocol does not allow here: malformed bytes, the wrong
/// step, another block's header, numbers that disagree with this node's. The block ends with
/// ``LinkProtocol/LinkAbortReason/protocolViolation`` and this detail, sent to the peer and reported.
public struct KeyExchangeViolation: Error, Equatable, Sendable, CustomStringConvertible {
    /// What was wrong, in a sentence a person reading the log understands.
    public let detail: String

    /// A violation described by `detail`.
    public init(_ detail: String) { self.detail = detail }

    /// The detail.
    public var description: String { detail }

    /// What a role's failed step tells the peer: a violation's detail, any other error's description.
    static func detail(of error: any Error) -> String {
        (error as? KeyExchangeViolation)?.detail ?? String(describing: error)
    }
}
