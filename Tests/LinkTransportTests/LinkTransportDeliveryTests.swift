import LinkProtocol
import LinkTransport
import Testing

/// Messages across loopback TCP: in order, each once, through cuts and a tampering relay.
/// Payloads come from xoshiro256** (seeds 1 and 2), so a lost, duplicated or reordered message
/// shows as a mismatch at its index.
@Suite(.timeLimit(.minutes(1))) struct LinkTransportDeliveryTests {
    static func sendAll(_ count: Int, seed: UInt64, over transport: LinkTransport) async throws {
        for index in 0..<count { try await transport.send(.siftingBases, payload: LinkTestSupport.payload(index, seed: seed)) }
    }

    static func expectInOrder(_ received: [LinkMessage], count: Int, seed: UInt64, _ who: String) {
        #expect(received.count == count, "\(who) received \(received.count) of \(count)")
        let firstDifference = received.indices.first {
            received[$0].payload != LinkTestSupport.payload($0, seed: seed) || received[$0].messageType != .siftingBases
        }
        #expect(firstDifference == nil, "\(who): message \(firstDifference ?? -1) is not the one sent at that place")
        let numbers = received.map(\.sequenceNumber)
        #expect(zip(numbers, numbers.dropFirst()).allSatisfy { $0 < $1 }, "\(who): sequence numbers not increasing")
    }

    @Test func messagesGoBothWaysInOrder() async throws {
        let (aliceSession, bobSession) = try LinkTestSupport.sessions(seed: 11)
        let bobLog = EventLog(), aliceLog = EventLog()
        let bob = try await LinkTransport.listen(session: bobSession, configuration: LinkTestSupport.configuration(port: 0), log: bobLog.log)
        let port = try #require(bob.listeningPort)
        #expect(port > 0)
        let alice = try LinkTransport.connect(session: aliceSession, configuration: LinkTestSupport.configuration(port: port), log: aliceLog.log)
        async let aliceSent: Void = Self.sendAll(200, seed: 1, over: alice)
        async let bobSent: Void = Self.sendAll(200, seed: 2, over: bob)
        async let bobReceived = LinkTestSupport.receive(200, from: bob)
        let aliceReceived = await LinkTestSupport.receive(200, from: alice)
        try await aliceSent
        try await bobSent
        Self.expectInOrder(await bobReceived, count: 200, seed: 1, "Bob")
        Self.expectInOrder(aliceReceived, count: 200, seed: 2, "Alice")
        let acknowledged = await LinkTestSupport.eventually {
            let atAlice = await alice.outstandingMessages(), atBob = await bob.outstandingMessages()
            return atAlice == 0 && atBob == 0
        }
        #expect(acknowledged, "every message acknowledged")
        #expect(bobLog.contains { if case .connected = $0 { true } else { false } })
        #expect(!aliceLog.contains { if case .frameRejected = $0 { true } else { false } })
        await alice.close()
        await bob.close()
    }

    /// The relay closes both sockets after Bob took 100 of Alice's 300 messages (at least
    /// 300 − 100 − 64 (Bob's receive queue) = 136 still to come): Alice reconnects and each side
    /// still gets all 300 of the other's, in order, none twice.
    @Test func aCutMidStreamLosesNothingAndDuplicatesNothing() async throws {
        let (aliceSession, bobSession) = try LinkTestSupport.sessions(seed: 12)
        let aliceLog = EventLog()
        let bob = try await LinkTransport.listen(session: bobSession, configuration: LinkTestSupport.configuration(port: 0), log: { _ in })
        let relay = try await TestRelay.start(targetPort: try #require(bob.listeningPort))
        let alice = try LinkTransport.connect(session: aliceSession, configuration: LinkTestSupport.configuration(port: relay.port), log: aliceLog.log)
        async let aliceSent: Void = Self.sendAll(300, seed: 1, over: alice)
        async let bobSent: Void = Self.sendAll(300, seed: 2, over: bob)
        async let aliceReceived = LinkTestSupport.receive(300, from: alice)
        var bobReceived = await LinkTestSupport.receive(100, from: bob)
        try await relay.cutAll()
        bobReceived += await LinkTestSupport.receive(200, from: bob)
        try await aliceSent
        try await bobSent
        Self.expectInOrder(bobReceived, count: 300, seed: 1, "Bob")
        Self.expectInOrder(await aliceReceived, count: 300, seed: 2, "Alice")
        #expect(aliceLog.contains { if case .reconnectScheduled = $0 { true } else { false } }, "Alice saw the cut")
        #expect(try await relay.loop.submit { relay.acceptedConnections }.get() >= 2, "Alice came back through the relay")
        await alice.close()
        await bob.close()
        await relay.stop()
    }

    /// The relay swaps two chunks of one direction: the receiving side refuses the stream (bad header, bad tag,
    /// replay or a gap — whichever the swap produced), closes, and the resend after the reconnect
    /// delivers everything once. Chunks are delayed 1 ms so that several are in flight.
    @Test func swappedChunksCloseTheConnectionAndTheResendRepairsIt() async throws {
        let (aliceSession, bobSession) = try LinkTestSupport.sessions(seed: 13)
        let bobLog = EventLog(), aliceLog = EventLog()
        let bob = try await LinkTransport.listen(session: bobSession, configuration: LinkTestSupport.configuration(port: 0), log: bobLog.log)
        let relay = try await TestRelay.start(targetPort: try #require(bob.listeningPort))
        let alice = try LinkTransport.connect(session: aliceSession, configuration: LinkTestSupport.configuration(port: relay.port), log: aliceLog.log)
        try await Self.sendAll(20, seed: 3, over: alice)
        var bobReceived = await LinkTestSupport.receive(20, from: bob)
        try await relay.configure { relay in
            relay.chunkDelay = .milliseconds(1)
            relay.swapNextTwoChunks = true
        }
        async let aliceSent: Void = { for index in 20..<300 {
            try await alice.send(.siftingBases, payload: LinkTestSupport.payload(index, seed: 3))
            if index % 10 == 0 { try await Task.sleep(for: .milliseconds(2)) }
        } }()
        bobReceived += await LinkTestSupport.receive(280, from: bob)
        try await aliceSent
        Self.expectInOrder(bobReceived, count: 300, seed: 3, "Bob")
        let refused: (LinkTransportEvent) -> Bool = {
            switch $0 { case .frameRejected, .protocolViolation: true
            default: false }
        }
        // The swap hits whichever direction's chunk came first: Bob's acknowledgements or Alice's frames.
        #expect(bobLog.contains(refused) || aliceLog.contains(refused), "a side refused the swapped stream: \(bobLog.all) \(aliceLog.all)")
        await alice.close()
        await bob.close()
        await relay.stop()
    }
}
