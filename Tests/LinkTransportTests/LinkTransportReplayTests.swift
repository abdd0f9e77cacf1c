import LinkProtocol
import LinkTransport
import Testing

/// A recorded connection replayed: the frames are authentic but already accepted.
@Suite(.timeLimit(.minutes(1))) struct LinkTransportReplayTests {
    /// Alice's first connection (5 messages) is recorded by the relay and, after Alice leaves,
    /// played back to Bob byte for byte on a new connection: Bob refuses the first frame as a
    /// replay (sequence number 0 ≤ the last accepted, at least 5: the resume acknowledgement
    /// plus 5 messages), closes, and his node receives nothing more.
    @Test func aReplayedConnectionIsRefused() async throws {
        let (aliceSession, bobSession) = try LinkTestSupport.sessions(seed: 25)
        let log = EventLog()
        // A connect timeout past the suite's limit: the replayer's bytes, not the timer, must end
        // its connection, however long the pool delays the test between its connect and its send.
        let bob = try await LinkTransport.listen(session: bobSession, configuration: LinkTestSupport.configuration(port: 0, connectTimeout: .seconds(120)),
                                                 log: log.log)
        let port = try #require(bob.listeningPort)
        let relay = try await TestRelay.start(targetPort: port)
        let alice = try LinkTransport.connect(session: aliceSession, configuration: LinkTestSupport.configuration(port: relay.port), log: { _ in })
        for index in 0..<5 { try await alice.send(.siftingBases, payload: [UInt8(index)]) }
        var received = await LinkTestSupport.receive(5, from: bob)
        #expect(received.map(\.payload) == (0..<5).map { [UInt8($0)] })
        #expect(await LinkTestSupport.eventually { await alice.outstandingMessages() == 0 })
        await alice.close()
        await relay.stop()
        #expect(await LinkTestSupport.eventually { log.contains { if case .disconnected = $0 { true } else { false } } })
        let recording = try await relay.loop.submit { relay.recordedDownstreamBytes }.get()
        let replayer = try await RawPeer.connect(port: port)
        try await replayer.send(recording)
        #expect(await replayer.closedByPeer(within: .seconds(60)))
        // At least 5 accepted: Alice's keepalives (one per 0.3 s of her silence) may add to it.
        #expect(log.contains {
            if case .frameRejected(_, .replayedSequenceNumber(found: 0, let lastAccepted)) = $0 { lastAccepted >= 5 } else { false }
        }, "\(log.all)")
        received = await LinkTestSupport.receive(1, from: bob, within: .milliseconds(500))
        #expect(received.isEmpty, "a replayed message was delivered: \(received)")
    }
}
