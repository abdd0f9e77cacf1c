public import LinkProtocol

/// Why the transport refused a call: each case names what was wrong and the bound it broke.
public enum LinkTransportError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A configuration field outside its range.
    case invalidConfiguration(field: String, value: String, requirement: String)
    /// The node's role cannot take this end of the connection (Bob listens, Alice connects).
    case wrongRole(LinkRole, expected: LinkRole)
    /// The send queue stayed full for the whole send timeout: the peer is not acknowledging.
    case sendQueueFull(capacityMessages: Int, capacityBytes: Int, waited: Duration)
    /// A payload above the frame limit's payload bound.
    case payloadTooLong(bytes: Int, maximumBytes: Int)
    /// The message type is the transport's own (acknowledgements); the node may not send it.
    case reservedMessageType(LinkMessageType)
    /// Bob could not listen on the address.
    case listenFailed(host: String, port: Int, reason: String)
    /// The transport was closed.
    case closed

    /// The error as one log line: what was wrong and the bound.
    public var description: String {
        switch self {
        case .invalidConfiguration(let field, let value, let requirement):
            "link transport configuration: \(field) is \(value), expected \(requirement)"
        case .wrongRole(let role, let expected):
            "this end of the link is \(expected)'s, the session is \(role)'s"
        case .sendQueueFull(let messages, let bytes, let waited):
            "send queue full (\(messages) messages or \(bytes) bytes unacknowledged) for \(waited): the peer is not acknowledging"
        case .payloadTooLong(let bytes, let maximum):
            "payload to send is \(bytes) bytes, above the frame limit's \(maximum) bytes"
        case .reservedMessageType(let type):
            "message type \(type) (0x\(String(type.rawValue, radix: 16))) is the transport's own"
        case .listenFailed(let host, let port, let reason):
            "cannot listen on \(host):\(port): \(reason)"
        case .closed:
            "the link transport is closed"
        }
    }
}
