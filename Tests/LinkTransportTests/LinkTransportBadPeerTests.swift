import LinkProtocol
import LinkTransport
import SeededRandom
import Testing

/// Peers that must not get through: garbage, a wrong key, an oversized frame, a second
/// connection. Each is closed with a logged reason naming what was wrong, and Bob goes on serving
/// the right Alice.
@Suite(.timeLimit(.minutes(1))) struct LinkTransportBadPeerTests {
    /// Bob listening. A raw peer's bytes must reach him before his connect timeout closes the
    /// connection: the default (120 s, past the suite's time limit) keeps a test task the pool
    /// starved between its connect and its send (ThreadSanitizer on 2 cores: "I/O on closed
    /// channel" after 15 s) from failing on the timer instead of on what it sends.
    static func startBob(seed: UInt64, log: EventLog, idleTimeout: Duration = .seconds(30),
                         connectTimeout: Duration = .seconds(120)) async throws -> (bob: LinkTransport, alice: LinkSession, port: Int) {
        let (aliceSession, bobSession) = try LinkTestSupport.sessions(seed: seed)
        let configuration = LinkTestSupport.configuration(port: 0, idleTimeout: idleTimeout, connectTimeout: connectTimeout)
        let bob = try await LinkTransport.listen(session: bobSession, configuration: configuration, log: log.log)
        return (bob, aliceSession, try #require(bob.listeningPort))
    }

    /// The right Alice connects and one message of each way arrives.
    static func expectServes(_ bob: LinkTransport, alice aliceSession: LinkSession, port: Int) async throws {
        let alice = try LinkTransport.connect(session: aliceSession, configuration: LinkTestSupport.configuration(port: port), log: { _ in })
        try await alice.send(.verificationTag, payload: [1, 2, 3])
        try await bob.send(.keyConfirmation, payload: [4, 5])
        let atBob = await LinkTestSupport.receive(1, from: bob)
        let atAlice = await LinkTestSupport.receive(1, from: alice)
        #expect(atBob.map(\.payload) == [[1, 2, 3]] && atBob.first?.messageType == .verificationTag)
        #expect(atAlice.map(\.payload) == [[4, 5]] && atAlice.first?.messageType == .keyConfirmation)
        await alice.close()
    }

    @Test func garbageIsRefusedWithItsReason() async throws {
        let log = EventLog()
        let (bob, aliceSession, port) = try await Self.startBob(seed: 21, log: log)
        var generator = Xoshiro256StarStar(seed: 21)
        let garbage = (0..<64).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        let peer = try await RawPeer.connect(port: port)
        try await peer.send(garbage)
        #expect(await peer.closedByPeer(within: .seconds(60)))
        #expect(log.contains { $0 == .frameRejected(peer: $0.peerForTest, error: .badMagic(found: Array(garbage[0..<4]))) }, "\(log.all)")
        try await Self.expectServes(bob, alice: aliceSession, port: port)
        await bob.close()
    }

    /// An Alice with another pre-shared secret: her first frame (the resume acknowledgement,
    /// sequence number 0, type 0x03) fails Bob's tag check.
    @Test func aWrongKeyPeerIsRefused() async throws {
        let log = EventLog()
        let (bob, aliceSession, port) = try await Self.startBob(seed: 22, log: log)
        let wrong = try LinkTestSupport.sessions(seed: 99).alice
        let impostor = try LinkTransport.connect(session: wrong, configuration: LinkTestSupport.configuration(port: port), log: { _ in })
        let refused = await LinkTestSupport.eventually {
            log.contains { $0 == .frameRejected(peer: $0.peerForTest, error: .authenticationTagMismatch(sequenceNumber: 0, messageType: 0x03)) }
        }
        #expect(refused, "\(log.all)")
        await impostor.close()
        try await Self.expectServes(bob, alice: aliceSession, port: port)
        await bob.close()
    }

    /// A header declaring a 5 MiB payload is refused as soon as its 18 bytes are in.
    @Test func anOversizedFrameIsRefusedAtItsHeader() async throws {
        let log = EventLog()
        let (bob, aliceSession, port) = try await Self.startBob(seed: 23, log: log)
        let declared = 5 << 20
        let header: [UInt8] = Array("QDLK".utf8) + [1, 0x10] + [UInt8](repeating: 0, count: 8) + (0..<4).map { UInt8(truncatingIfNeeded: declared >> (24 - 8 * $0)) }
        let peer = try await RawPeer.connect(port: port)
        try await peer.send(header)
        #expect(await peer.closedByPeer(within: .seconds(60)))
        #expect(log.contains { $0 == .frameRejected(peer: $0.peerForTest, error: .payloadTooLong(declaredBytes: declared, maximumBytes: bob.maximumPayloadBytes)) },
                "\(log.all)")
        try await Self.expectServes(bob, alice: aliceSession, port: port)
        await bob.close()
    }

    /// A stranger that connects and stays silent holds the link's one connection only for the
    /// connect timeout (1 s here), not the idle timeout (2 s): closed no earlier than 1 s, and the
    /// logged reason is the connect timeout's. (No upper bound on the wall time: on a loaded
    /// machine — a sanitizer run, CI — the close can come seconds late; the reason tells which
    /// timer fired.)
    @Test func aSilentStrangerLosesTheConnectionAfterTheConnectTimeout() async throws {
        let log = EventLog()
        let (bob, aliceSession, port) = try await Self.startBob(seed: 26, log: log, idleTimeout: .seconds(2), connectTimeout: .seconds(1))
        let clock = ContinuousClock()
        let start = clock.now
        let stranger = try await RawPeer.connect(port: port)
        #expect(await stranger.closedByPeer(within: .seconds(60)))
        let held = clock.now - start
        #expect(held >= .seconds(1), "held \(held)")
        #expect(log.contains {
            if case .protocolViolation(_, let reason) = $0 { reason.hasPrefix("no authenticated acknowledgement within 1.0 seconds") } else { false }
        }, "\(log.all)")
        try await Self.expectServes(bob, alice: aliceSession, port: port)
        await bob.close()
    }

    /// While Alice is connected a second connection is refused (and logged); Alice's link goes on.
    @Test func aSecondConnectionIsRefusedWhileAliceIsServed() async throws {
        let log = EventLog()
        let (bob, aliceSession, port) = try await Self.startBob(seed: 24, log: log)
        let alice = try LinkTransport.connect(session: aliceSession, configuration: LinkTestSupport.configuration(port: port), log: { _ in })
        try await alice.send(.siftingBases, payload: [7])
        #expect(await LinkTestSupport.receive(1, from: bob).map(\.payload) == [[7]])
        let peer = try await RawPeer.connect(port: port)
        #expect(await peer.closedByPeer(within: .seconds(60)))
        #expect(log.contains { if case .refusedSecondConnection = $0 { true } else { false } }, "\(log.all)")
        try await alice.send(.siftingBases, payload: [8])
        #expect(await LinkTestSupport.receive(1, from: bob).map(\.payload) == [[8]])
        await alice.close()
        await bob.close()
    }
}
