import LinkProtocol
import LinkTransport
import Testing

/// A node killed and restarted from its saved session state (docs/link-channel.md, "Across
/// restarts"): the link resumes over the same peer, the restarted side's frames jump past its
/// reservation, and no frame is refused.
@Suite(.timeLimit(.minutes(1))) struct LinkTransportRestartTests {
    /// Bob saves with a 256-pad reservation (enough for every acknowledgement and keepalive he
    /// seals, however slowly the run goes: with 16, an AddressSanitizer run under load acknowledged
    /// frame by frame, ran out, could not seal the resume handshake after an idle cut, and the
    /// link stalled), exchanges 30 messages each way, is killed (his
    /// transport closed, its session dropped) and comes back from the saved bytes on the same
    /// port, saving once more before he serves. Alice, never restarted, reconnects; 20 more
    /// messages go each way in order, Bob's numbered from his reservation's end on.
    @Test func aRestoredNodeResumesTheLink() async throws {
        let (aliceSession, bobSession) = try LinkTestSupport.sessions(seed: 21)
        let aliceLog = EventLog()
        let bob = try await LinkTransport.listen(session: bobSession, configuration: LinkTestSupport.configuration(port: 0), log: { _ in })
        let port = try #require(bob.listeningPort)
        let saved = try await bob.snapshot(reservingOutgoingPads: 256)
        try await bob.snapshotSaved(saved)
        #expect(try await bob.outgoingPadsReserved() == 256)
        let alice = try LinkTransport.connect(session: aliceSession, configuration: LinkTestSupport.configuration(port: port), log: aliceLog.log)
        async let bobReceived = LinkTestSupport.receive(30, from: bob)
        for index in 0..<30 { try await alice.send(.siftingBases, payload: LinkTestSupport.payload(index, seed: 3)) }
        #expect(await bobReceived.count == 30)
        // A new save before Bob's own messages, as a node saves after each message it handles.
        let renewed = try await bob.snapshot(reservingOutgoingPads: 1_000)
        try await bob.snapshotSaved(renewed)
        for index in 0..<30 { try await bob.send(.cascadeParityReply, payload: LinkTestSupport.payload(index, seed: 4)) }
        #expect(await LinkTestSupport.receive(30, from: alice).count == 30)
        let acknowledged = await LinkTestSupport.eventually {
            let atAlice = await alice.outstandingMessages(), atBob = await bob.outstandingMessages()
            return atAlice == 0 && atBob == 0
        }
        #expect(acknowledged, "everything acknowledged before the kill")

        await bob.close()
        let restored = LinkSession(restoring: try LinkSessionSnapshot(decoding: renewed.encoded()))
        let restartedBob = try await LinkTransport.listen(session: restored, configuration: LinkTestSupport.configuration(port: port), log: { _ in })
        try await restartedBob.snapshotSaved(try await restartedBob.snapshot(reservingOutgoingPads: 1_000))

        async let bobReceivedAfter = LinkTestSupport.receive(20, from: restartedBob)
        for index in 0..<20 { try await alice.send(.siftingBases, payload: LinkTestSupport.payload(index, seed: 5)) }
        for index in 0..<20 { try await restartedBob.send(.cascadeParityReply, payload: LinkTestSupport.payload(index, seed: 6)) }
        let aliceReceivedAfter = await LinkTestSupport.receive(20, from: alice)
        #expect(await bobReceivedAfter.map(\.payload) == (0..<20).map { LinkTestSupport.payload($0, seed: 5) })
        #expect(aliceReceivedAfter.map(\.payload) == (0..<20).map { LinkTestSupport.payload($0, seed: 6) })
        #expect(aliceReceivedAfter.allSatisfy { $0.sequenceNumber >= renewed.outgoing.nextPadIndex })
        #expect(!aliceLog.contains { if case .frameRejected = $0 { true } else { false } })
        await alice.close()
        await restartedBob.close()
    }
}
