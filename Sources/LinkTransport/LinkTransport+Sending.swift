public import LinkProtocol
internal import NIOCore

// The send side: the bounded queue, waiting senders, sealing and writing.
extension LinkTransport {
    /// Queues `payload` as a `messageType` message for the peer; returns once it is queued (the
    /// transport sends it, and resends it after a cut, until the peer acknowledges it). Waits while
    /// the queue is full; throws ``LinkTransportError/sendQueueFull(capacityMessages:capacityBytes:waited:)``
    /// after the send timeout, ``LinkTransportError/payloadTooLong(bytes:maximumBytes:)``,
    /// ``LinkTransportError/reservedMessageType(_:)`` for 0x03, ``LinkTransportError/closed``.
    public func send(_ messageType: LinkMessageType, payload: [UInt8]) async throws {
        guard messageType != .linkAcknowledgement else { throw LinkTransportError.reservedMessageType(messageType) }
        guard payload.count <= maximumPayloadBytes else {
            throw LinkTransportError.payloadTooLong(bytes: payload.count, maximumBytes: maximumPayloadBytes)
        }
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            loop.execute { self.enqueue(messageType, payload: payload, continuation: continuation) }
        }
    }

    private func enqueue(_ messageType: LinkMessageType, payload: [UInt8], continuation: CheckedContinuation<Void, any Error>) {
        if isClosed { continuation.resume(throwing: LinkTransportError.closed); return }
        if spaceWaiters.isEmpty, outbound.hasRoom(forPayloadBytes: payload.count) {
            outbound.append(messageType, payload: payload)
            continuation.resume()
            flushOutbound()
            return
        }
        let id = nextWaiterID
        nextWaiterID += 1
        let timeout = loop.scheduleTask(in: TimeAmount(configuration.sendTimeout)) { self.timeOutSender(id) }
        spaceWaiters.append(SpaceWaiter(id: id, messageType: messageType, payload: payload, continuation: continuation, timeout: timeout))
    }

    private func timeOutSender(_ id: UInt64) {
        guard let index = spaceWaiters.firstIndex(where: { $0.id == id }) else { return }
        let waiter = spaceWaiters.remove(at: index)
        waiter.continuation.resume(throwing: LinkTransportError.sendQueueFull(
            capacityMessages: configuration.sendQueueCapacityMessages, capacityBytes: configuration.sendQueueCapacityBytes,
            waited: configuration.sendTimeout))
    }

    /// Moves waiting senders into the queue, in their order, while it has room.
    func admitWaitingSenders() {
        while let first = spaceWaiters.first, outbound.hasRoom(forPayloadBytes: first.payload.count) {
            spaceWaiters.removeFirst()
            first.timeout.cancel()
            outbound.append(first.messageType, payload: first.payload)
            first.continuation.resume()
        }
    }

    /// Seals and writes every unsent message, in order, once the peer has resumed.
    func flushOutbound() {
        guard let connection, peerResumed else { return }
        var wrote = false
        var index = outbound.firstUnsentIndex
        while index < outbound.entries.count {
            let entry = outbound.entries[index]
            let sequenceNumber = session.outgoingPool.nextPadIndex
            do {
                let frame = try session.seal(entry.messageType, payload: entry.payload)
                outbound.markSent(at: index, sequenceNumber: sequenceNumber)
                connection.write(ByteBuffer(bytes: frame), promise: nil)
                wrote = true
            } catch {
                log(.sealFailed(error: error))
                break
            }
            index += 1
        }
        if wrote {
            connection.flush()
            lastSent = .now()
        }
    }
}
