public import LinkProtocol
internal import NIOCore
internal import NIOPosix

/// One node's end of the TCP link to its peer (docs/link-transport.md): carries ``LinkSession``
/// frames, Bob listening and Alice connecting, one connection at a time.
///
/// Delivery: every message given to ``send(_:payload:)`` reaches the peer's ``messages`` once
/// and in order, across connection cuts, unless the transport is closed first. The peer
/// acknowledges cumulatively (``LinkAcknowledgement``, type 0x03); after a reconnect both sides
/// first exchange acknowledgements, then every message not acknowledged is sealed again under a
/// fresh sequence number and pad. A pad is never used for two contents: the old frame's pad is
/// discarded (the session allows gaps), and a frame the peer had already accepted is never resent
/// (its acknowledgement tells). The session's replay check refuses any frame at or below one
/// accepted, so an authenticated message is never accepted twice.
///
/// Threading: all state lives on one SwiftNIO event loop; the public methods hop onto it.
public final class LinkTransport: @unchecked Sendable {
    // Everything below is touched only on `loop`, except the `let`s and `listeningPort`
    // (written once before `listen` returns).
    let loop: any EventLoop
    let configuration: LinkTransportConfiguration
    let log: LinkTransportLog
    /// This node's role: Bob listens, Alice connects.
    public let role: LinkRole
    /// The largest payload a message may carry (the session's frame limit).
    public let maximumPayloadBytes: Int
    var session: LinkSession
    var outbound: LinkOutboundQueue
    var spaceWaiters: [SpaceWaiter] = []
    var nextWaiterID: UInt64 = 0
    var inbox: [LinkMessage] = []
    var inboxHead = 0
    var inboxWaiter: CheckedContinuation<LinkMessage?, Never>?
    var connection: (any Channel)?
    var peerName = ""
    var peerResumed = false
    /// The peer's last sequence number accepted on this connection: within a connection the
    /// numbers must follow on by one (TCP loses nothing), so a cumulative acknowledgement never
    /// covers a frame that was skipped. Gaps happen only between connections.
    var lastSequenceNumberOnConnection: UInt64?
    /// What this side acknowledges: every peer frame below it was taken in order (the session may
    /// have accepted one more, refused here for a gap: that one is not acknowledged, so it is resent).
    var nextExpectedFromPeer: UInt64
    /// `nextExpectedFromPeer` when the current connection opened: what this side's first frame on
    /// it acknowledges (a later value could cover the peer's frames lost with the last connection).
    var resumePoint: UInt64 = 0
    var acknowledgementPending = false
    var lastReceived = NIODeadline.now()
    var connectionOpenedAt = NIODeadline.now()
    var lastSent = NIODeadline.now()
    var failuresInARow = 0
    var connecting = false
    var serverChannel: (any Channel)?
    var timer: RepeatedTask?
    var isClosed = false
    /// Bob: the port the listener is bound to (the system's pick when the configuration says 0).
    public private(set) var listeningPort: Int?

    struct SpaceWaiter {
        let id: UInt64
        let messageType: LinkMessageType
        let payload: [UInt8]
        let continuation: CheckedContinuation<Void, any Error>
        let timeout: Scheduled<Void>
    }

    private init(session: LinkSession, configuration: LinkTransportConfiguration, log: @escaping LinkTransportLog) throws(LinkTransportError) {
        try configuration.validate()
        loop = MultiThreadedEventLoopGroup.singleton.next()
        self.configuration = configuration
        self.log = log
        self.session = session
        role = session.role
        nextExpectedFromPeer = session.lastAcceptedSequenceNumber.map { $0 + 1 } ?? 0
        maximumPayloadBytes = session.limits.maximumPayloadBytes
        outbound = LinkOutboundQueue(capacityMessages: configuration.sendQueueCapacityMessages,
                                     capacityBytes: configuration.sendQueueCapacityBytes)
    }

    /// Bob's end: listens on `configuration.host:port` and serves one connection from Alice at a
    /// time. Throws if the session is Alice's, the configuration is out of range, or the bind fails.
    public static func listen(session: LinkSession, configuration: LinkTransportConfiguration,
                              log: @escaping LinkTransportLog) async throws -> LinkTransport {
        guard session.role == .bob else { throw LinkTransportError.wrongRole(session.role, expected: .bob) }
        let transport = try LinkTransport(session: session, configuration: configuration, log: log)
        let bootstrap = ServerBootstrap(group: transport.loop)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.autoRead, value: false)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(LinkConnectionHandler(transport: transport))
                }
            }
        let channel: any Channel
        do {
            channel = try await bootstrap.bind(host: configuration.host, port: configuration.port).get()
        } catch {
            throw LinkTransportError.listenFailed(host: configuration.host, port: configuration.port, reason: "\(error)")
        }
        let port = channel.localAddress?.port ?? configuration.port
        transport.listeningPort = port
        try await transport.loop.submit {
            transport.serverChannel = channel
            transport.startTimer()
            transport.log(.listening(port: port))
        }.get()
        return transport
    }

    /// Alice's end: connects to Bob at `configuration.host:port` and reconnects after every cut
    /// (capped exponential backoff) until ``close()``. Throws if the session is Bob's or the
    /// configuration is out of range; connection failures are logged and retried, never thrown.
    public static func connect(session: LinkSession, configuration: LinkTransportConfiguration,
                               log: @escaping LinkTransportLog) throws -> LinkTransport {
        guard session.role == .alice else { throw LinkTransportError.wrongRole(session.role, expected: .alice) }
        let transport = try LinkTransport(session: session, configuration: configuration, log: log)
        transport.loop.execute {
            transport.startTimer()
            transport.startConnecting()
        }
        return transport
    }

    /// The received messages, in the peer's order, each once; ends after ``close()`` once the
    /// ones already received are taken. One consumer at a time.
    public var messages: LinkTransportMessages { LinkTransportMessages(transport: self) }

    /// Closes the connection and the listener, fails waiting senders with
    /// ``LinkTransportError/closed`` and returns the session (pools and counters) for the next
    /// transport. Unacknowledged messages are dropped.
    @discardableResult
    public func close() async -> LinkSession {
        let (session, server) = await withCheckedContinuation { continuation in
            loop.execute { continuation.resume(returning: self.shutDown()) }
        }
        try? await server?.closeFuture.get()
        return session
    }

    /// Adds produced key material to both directions' pad pools (``LinkSession/replenish(bits:)``),
    /// then sends what waited for pads.
    public func replenish(bits keyMaterial: [UInt8]) async throws {
        try await loop.submit {
            try self.session.replenish(bits: keyMaterial)
            self.flushOutbound()
        }.get()
    }

    /// The messages sent and not yet acknowledged by the peer, plus those not yet sent.
    public func outstandingMessages() async -> Int {
        (try? await loop.submit { self.outbound.entries.count }.get()) ?? 0
    }

    private func shutDown() -> (LinkSession, (any Channel)?) {
        if !isClosed {
            isClosed = true
            timer?.cancel()
            connection?.close(promise: nil)
            connection = nil
            serverChannel?.close(promise: nil)
            for waiter in spaceWaiters {
                waiter.timeout.cancel()
                waiter.continuation.resume(throwing: LinkTransportError.closed)
            }
            spaceWaiters.removeAll()
            inboxWaiter?.resume(returning: nil)
            inboxWaiter = nil
        }
        return (session, serverChannel)
    }

    private func startTimer() {
        let tick = TimeAmount(min(configuration.idleTimeout, configuration.keepaliveInterval) / 4)
        timer = loop.scheduleRepeatedTask(initialDelay: tick, delay: tick) { _ in self.checkTimeouts() }
    }
}
