/// How a node's link transport reaches its peer, how long it waits and how much it holds.
///
/// Bob listens on `host:port`, Alice connects to it. Every bound is in messages, bytes or
/// seconds, so a stalled or hostile peer costs at most the configured memory and time.
public struct LinkTransportConfiguration: Sendable, Equatable {
    /// Bob: the address to listen on; Alice: Bob's address.
    public var host: String
    /// Bob: the port to listen on (0: the system picks one, see ``LinkTransport/listeningPort``); Alice: Bob's port.
    public var port: Int
    /// At most this many outgoing messages held, unsent or sent and not yet acknowledged.
    public var sendQueueCapacityMessages: Int
    /// At most this many payload bytes held in the send queue (one message larger than this is
    /// still taken when the queue is empty: the frame limit bounds it).
    public var sendQueueCapacityBytes: Int
    /// At most this many received messages waiting for the node to take them; beyond, the
    /// transport stops reading the socket and TCP's flow control holds the peer back.
    public var receiveQueueCapacityMessages: Int
    /// How long ``LinkTransport/send(_:payload:)`` waits for room in a full send queue before it throws.
    public var sendTimeout: Duration
    /// A connection on which nothing arrived for this long is closed (and Alice reconnects).
    public var idleTimeout: Duration
    /// When nothing was sent for this long, an acknowledgement goes out as a keepalive. Must be
    /// below the peer's ``idleTimeout``.
    public var keepaliveInterval: Duration
    /// How long one TCP connect may take (Alice), and how long a new connection may go without
    /// the peer's authenticated acknowledgement before it is closed (both: a stranger cannot hold
    /// the link's one connection).
    public var connectTimeout: Duration
    /// Alice: the waits between reconnection attempts.
    public var reconnectBackoff: LinkReconnectBackoff

    /// A configuration with the lab defaults: 256 messages / 64 MiB queued, 30 s send timeout,
    /// 15 s idle timeout, 5 s keepalive, 5 s connect timeout, backoff 0.1 s doubling to 10 s.
    public init(host: String, port: Int,
                sendQueueCapacityMessages: Int = 256, sendQueueCapacityBytes: Int = 64 << 20,
                receiveQueueCapacityMessages: Int = 256,
                sendTimeout: Duration = .seconds(30), idleTimeout: Duration = .seconds(15),
                keepaliveInterval: Duration = .seconds(5), connectTimeout: Duration = .seconds(5),
                reconnectBackoff: LinkReconnectBackoff = .standard) {
        self.host = host
        self.port = port
        self.sendQueueCapacityMessages = sendQueueCapacityMessages
        self.sendQueueCapacityBytes = sendQueueCapacityBytes
        self.receiveQueueCapacityMessages = receiveQueueCapacityMessages
        self.sendTimeout = sendTimeout
        self.idleTimeout = idleTimeout
        self.keepaliveInterval = keepaliveInterval
        self.connectTimeout = connectTimeout
        self.reconnectBackoff = reconnectBackoff
    }

    /// Throws naming the first field out of range.
    public func validate() throws(LinkTransportError) {
        func require(_ ok: Bool, _ field: String, _ value: some CustomStringConvertible, _ requirement: String) throws(LinkTransportError) {
            if !ok { throw .invalidConfiguration(field: field, value: value.description, requirement: requirement) }
        }
        try require(!host.isEmpty, "host", "\"\"", "a host name or address")
        try require((0...65_535).contains(port), "port", port, "0…65535")
        try require(sendQueueCapacityMessages > 0, "sendQueueCapacityMessages", sendQueueCapacityMessages, "at least 1")
        try require(sendQueueCapacityBytes > 0, "sendQueueCapacityBytes", sendQueueCapacityBytes, "at least 1")
        try require(receiveQueueCapacityMessages > 0, "receiveQueueCapacityMessages", receiveQueueCapacityMessages, "at least 1")
        try require(sendTimeout > .zero, "sendTimeout", sendTimeout, "above zero")
        try require(idleTimeout > .zero, "idleTimeout", idleTimeout, "above zero")
        try require(keepaliveInterval > .zero && keepaliveInterval < idleTimeout, "keepaliveInterval", keepaliveInterval,
                    "above zero and below idleTimeout (\(idleTimeout))")
        try require(connectTimeout > .zero, "connectTimeout", connectTimeout, "above zero")
        try reconnectBackoff.validate()
    }
}
