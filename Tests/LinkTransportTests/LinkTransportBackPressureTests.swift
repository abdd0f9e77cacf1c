import LinkProtocol
import LinkTransport
import NIOCore
import NIOPosix
import Testing

/// A peer that does not keep up: the queues stay bounded, `send` waits and then fails with a
/// clear error after the send timeout, and a silent connection is closed after the idle timeout.
@Suite(.timeLimit(.minutes(1))) struct LinkTransportBackPressureTests {
    /// Bob's node takes no messages: Bob's receive queue (64) fills, he stops reading and stops
    /// acknowledging, Alice's send queue (64 unacknowledged) fills. Exactly 64 + 64 sends are
    /// taken; the 129th waits the 0.3 s send timeout and throws. Once Bob reads, all 128 arrive.
    @Test func aStalledConsumerBoundsBothQueues() async throws {
        let (aliceSession, bobSession) = try LinkTestSupport.sessions(seed: 31)
        let bob = try await LinkTransport.listen(session: bobSession, configuration: LinkTestSupport.configuration(port: 0), log: { _ in })
        let configuration = LinkTestSupport.configuration(port: try #require(bob.listeningPort), sendTimeout: .milliseconds(300))
        let alice = try LinkTransport.connect(session: aliceSession, configuration: configuration, log: { _ in })
        var taken = 0
        let clock = ContinuousClock()
        var failure: (any Error)?
        var waited = Duration.zero
        while taken < 200 {
            let start = clock.now
            do {
                try await alice.send(.cascadeParityRequest, payload: LinkTestSupport.payload(taken, seed: 4))
                taken += 1
            } catch {
                failure = error
                waited = clock.now - start
                break
            }
        }
        #expect(taken == 128, "sends taken before the queues filled")
        #expect(failure as? LinkTransportError == .sendQueueFull(capacityMessages: 64, capacityBytes: 64 << 20, waited: .milliseconds(300)))
        // The upper bound only says the send does not hang: a loaded machine wakes the timer late.
        #expect(waited >= .milliseconds(300) && waited < .seconds(30), "waited \(waited)")
        #expect(await alice.outstandingMessages() == 64)
        let received = await LinkTestSupport.receive(128, from: bob)
        #expect(received.map(\.payload) == (0..<128).map { LinkTestSupport.payload($0, seed: 4) })
        #expect(await LinkTestSupport.eventually { await alice.outstandingMessages() == 0 })
        await alice.close()
        await bob.close()
    }

    /// A peer that accepts the TCP connection and never answers: Alice's sends beyond her queue
    /// fail after the send timeout, and after the 1 s connect timeout without the peer's
    /// authenticated acknowledgement she closes the connection (logged) and reconnects.
    @Test func aSilentPeerIsTimedOut() async throws {
        let silent = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelOption(.autoRead, value: false)
            .bind(host: "127.0.0.1", port: 0).get()
        let log = EventLog()
        let configuration = LinkTestSupport.configuration(port: try #require(silent.localAddress?.port), sendTimeout: .milliseconds(200), capacity: 3,
                                                          idleTimeout: .seconds(2), connectTimeout: .seconds(1))
        let alice = try LinkTransport.connect(session: try LinkTestSupport.sessions(seed: 32).alice, configuration: configuration, log: log.log)
        for index in 0..<3 { try await alice.send(.siftingBases, payload: [UInt8(index)]) }
        await #expect(throws: LinkTransportError.sendQueueFull(capacityMessages: 3, capacityBytes: 64 << 20, waited: .milliseconds(200))) {
            try await alice.send(.siftingBases, payload: [3])
        }
        let timedOut = await LinkTestSupport.eventually {
            log.contains { if case .protocolViolation(_, let reason) = $0 { reason.hasPrefix("no authenticated acknowledgement") } else { false } }
        }
        #expect(timedOut, "\(log.all)")
        #expect(await LinkTestSupport.eventually { log.contains { if case .reconnectScheduled = $0 { true } else { false } } })
        await alice.close()
        await #expect(throws: LinkTransportError.closed) { try await alice.send(.siftingBases, payload: [4]) }
        try await silent.close()
    }

    /// A link that goes quiet after it was up (the relay drops every byte from then on): a side
    /// closes after the 2 s idle timeout, although keepalives (every 0.3 s) were sent,
    /// and once bytes pass again Alice's reconnect delivers the message queued meanwhile.
    @Test func aQuietLinkIsClosedAfterTheIdleTimeout() async throws {
        let (aliceSession, bobSession) = try LinkTestSupport.sessions(seed: 33)
        let aliceLog = EventLog(), bobLog = EventLog()
        let bob = try await LinkTransport.listen(session: bobSession, configuration: LinkTestSupport.configuration(port: 0, idleTimeout: .seconds(2)),
                                                 log: bobLog.log)
        let relay = try await TestRelay.start(targetPort: try #require(bob.listeningPort))
        let alice = try LinkTransport.connect(session: aliceSession, configuration: LinkTestSupport.configuration(port: relay.port, idleTimeout: .seconds(2)),
                                              log: aliceLog.log)
        try await alice.send(.siftingBases, payload: [1])
        #expect(await LinkTestSupport.receive(1, from: bob).map(\.payload) == [[1]])
        try await relay.configure { $0.dropsEverything = true }
        try await alice.send(.siftingBases, payload: [2])
        let idle: (LinkTransportEvent) -> Bool = { if case .idleTimeout(_, let silence) = $0 { silence >= .seconds(2) } else { false } }
        // The first side to time out closes its socket; the relay passes the close on, so the other may see that instead.
        #expect(await LinkTestSupport.eventually { aliceLog.contains(idle) || bobLog.contains(idle) },
                "\(aliceLog.all) \(bobLog.all)")
        try await relay.configure { $0.dropsEverything = false }
        #expect(await LinkTestSupport.receive(1, from: bob).map(\.payload) == [[2]])
        await alice.close()
        await bob.close()
        await relay.stop()
    }
}
