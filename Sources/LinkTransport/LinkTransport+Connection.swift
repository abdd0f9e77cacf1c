internal import LinkProtocol
internal import NIOCore
internal import NIOPosix

// Connection events, on the event loop: open, bytes, close, the resume handshake, timeouts.
extension LinkTransport {
    func connectionOpened(_ channel: any Channel) {
        let peer = channel.remoteAddress.map { "\($0)" } ?? "unknown peer"
        guard !isClosed else { channel.close(promise: nil); return }
        guard connection == nil else {
            log(.refusedSecondConnection(peer: peer))
            channel.close(promise: nil)
            return
        }
        connection = channel
        peerName = peer
        peerResumed = false
        lastSequenceNumberOnConnection = nil
        acknowledgementPending = false
        session.resetStream()
        lastReceived = .now()
        connectionOpenedAt = lastReceived
        log(.connected(peer: peer))
        // The resume point, fixed before this connection's first byte: the first frame each side
        // sends on it. Alice speaks first; Bob answers only an authenticated frame, so a stranger's
        // connection costs Bob no pad.
        resumePoint = nextExpectedFromPeer
        if role == .alice { sendAcknowledgement(nextExpected: resumePoint) }
        requestRead()
    }

    func bytesReceived(_ bytes: ByteBuffer, on channel: any Channel) {
        guard connection === channel else { return }
        lastReceived = .now()
        session.receive(bytes.readableBytesView)
        drainSession()
    }

    func readBatchEnded(on channel: any Channel) {
        guard connection === channel else { return }
        if acknowledgementPending { sendAcknowledgement() }
        requestRead()
    }

    func connectionClosed(_ channel: any Channel) {
        guard connection === channel else { return }
        connectionLost()
        log(.disconnected(peer: peerName))
    }

    /// Takes authenticated messages out of the session while the inbox has room.
    func drainSession() {
        while connection != nil, inbox.count - inboxHead < configuration.receiveQueueCapacityMessages {
            let message: LinkMessage?
            do {
                message = try session.nextMessage()
            } catch {
                drop(.frameRejected(peer: peerName, error: error))
                return
            }
            guard let message else { return }
            if let last = lastSequenceNumberOnConnection, message.sequenceNumber != last &+ 1 {
                drop(.protocolViolation(peer: peerName, reason: "frame \(message.sequenceNumber) follows \(last) on one connection: frames were dropped or reordered"))
                return
            }
            lastSequenceNumberOnConnection = message.sequenceNumber
            nextExpectedFromPeer = message.sequenceNumber + 1
            if message.messageType == .linkAcknowledgement {
                do {
                    try acknowledgementReceived(LinkAcknowledgement(payload: message.payload))
                } catch let error as LinkProtocolError {
                    drop(.frameRejected(peer: peerName, error: error))
                    return
                } catch {
                    drop(.protocolViolation(peer: peerName, reason: "\(error)"))
                    return
                }
            } else {
                guard peerResumed else {
                    drop(.protocolViolation(peer: peerName, reason: "message type \(message.messageType) before the peer's acknowledgement (resume point)"))
                    return
                }
                deliver(message)
                acknowledgementPending = true
            }
        }
    }

    private struct AcknowledgementBeyondSent: Error, CustomStringConvertible {
        let nextExpected: UInt64, nextToSend: UInt64
        var description: String { "acknowledgement up to \(nextExpected) but only frames below \(nextToSend) were sent" }
    }

    private func acknowledgementReceived(_ acknowledgement: LinkAcknowledgement) throws {
        let nextToSend = session.outgoingPool.nextPadIndex
        guard acknowledgement.nextExpected <= nextToSend else {
            throw AcknowledgementBeyondSent(nextExpected: acknowledgement.nextExpected, nextToSend: nextToSend)
        }
        outbound.dropAcknowledged(below: acknowledgement.nextExpected)
        if !peerResumed {
            // Everything left was sent on an earlier connection and not accepted: seal it again.
            peerResumed = true
            failuresInARow = 0
            outbound.markAllUnsent()
            if role == .bob { sendAcknowledgement(nextExpected: resumePoint) }
        }
        admitWaitingSenders()
        flushOutbound()
    }

    private func deliver(_ message: LinkMessage) {
        if let waiter = inboxWaiter {
            inboxWaiter = nil
            waiter.resume(returning: message)
        } else {
            inbox.append(message)
        }
    }

    /// The next received message (nil once closed and empty); one waiting consumer at a time.
    func takeMessage(_ continuation: CheckedContinuation<LinkMessage?, Never>) {
        if inboxHead < inbox.count {
            let message = inbox[inboxHead]
            inboxHead += 1
            if inboxHead == inbox.count { inbox.removeAll(keepingCapacity: true); inboxHead = 0 }
            continuation.resume(returning: message)
            drainSession()
            if acknowledgementPending { sendAcknowledgement() }
            requestRead()
        } else if isClosed || inboxWaiter != nil {
            continuation.resume(returning: nil)
        } else {
            inboxWaiter = continuation
        }
    }

    func requestRead() {
        if let connection, inbox.count - inboxHead < configuration.receiveQueueCapacityMessages { connection.read() }
    }

    /// Seals and sends a cumulative acknowledgement of `nextExpected` (default: all taken so far).
    func sendAcknowledgement(nextExpected: UInt64? = nil) {
        guard let connection else { return }
        do {
            let acknowledgement = LinkAcknowledgement(nextExpected: nextExpected ?? nextExpectedFromPeer)
            let frame = try session.seal(.linkAcknowledgement, payload: acknowledgement.payload)
            connection.writeAndFlush(ByteBuffer(bytes: frame), promise: nil)
            acknowledgementPending = false
            lastSent = .now()
        } catch {
            log(.sealFailed(error: error))
        }
    }

    /// Closes the current connection for `reason`.
    func drop(_ reason: LinkTransportEvent) {
        guard let channel = connection else { return }
        log(reason)
        connectionLost()
        channel.close(promise: nil)
    }

    private func connectionLost() {
        connection = nil
        peerResumed = false
        acknowledgementPending = false
        if role == .alice, !isClosed { scheduleReconnect() }
    }

    func checkTimeouts() {
        guard connection != nil else { return }
        let now = NIODeadline.now()
        // Not reading because the node has not taken its messages: the silence is ours, not the peer's.
        if inbox.count - inboxHead >= configuration.receiveQueueCapacityMessages { lastReceived = now }
        let silence = now - lastReceived
        if !peerResumed, now - connectionOpenedAt > TimeAmount(configuration.connectTimeout) {
            // A connection that has not authenticated would hold the link's one slot until the idle timeout.
            drop(.protocolViolation(peer: peerName, reason: "no authenticated acknowledgement within \(configuration.connectTimeout) of connecting"))
        } else if silence > TimeAmount(configuration.idleTimeout) {
            drop(.idleTimeout(peer: peerName, silence: .nanoseconds(silence.nanoseconds)))
        } else if peerResumed, now - lastSent > TimeAmount(configuration.keepaliveInterval) {
            sendAcknowledgement()
        }
    }

    // Alice's side.

    func startConnecting() {
        guard !isClosed, connection == nil, !connecting else { return }
        connecting = true
        let transport = self
        ClientBootstrap(group: loop)
            .channelOption(.autoRead, value: false)
            .connectTimeout(TimeAmount(configuration.connectTimeout))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(LinkConnectionHandler(transport: transport))
                }
            }
            .connect(host: configuration.host, port: configuration.port)
            .whenComplete { result in
                transport.connecting = false
                switch result {
                case .success(let channel):
                    if transport.isClosed { channel.close(promise: nil) }
                case .failure(let error):
                    transport.log(.connectFailed(reason: "\(transport.configuration.host):\(transport.configuration.port): \(error)"))
                    if !transport.isClosed, transport.connection == nil { transport.scheduleReconnect() }
                }
            }
    }

    private func scheduleReconnect() {
        let delay = configuration.reconnectBackoff.delay(afterFailures: failuresInARow)
        failuresInARow += 1
        log(.reconnectScheduled(attempt: failuresInARow, delay: delay))
        loop.scheduleTask(in: TimeAmount(delay)) { self.startConnecting() }
    }
}
