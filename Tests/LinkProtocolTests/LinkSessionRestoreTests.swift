import LinkProtocol
import Testing

/// A restored session's pads: never an outgoing pad the crashed process may have used, the same
/// pools as the peer's, and the replay floor as saved (docs/link-channel.md, "Across restarts").
@Suite struct LinkSessionRestoreTests {
    /// A session that saved a 16-pad reservation after 5 frames may seal 16 more; it refuses the
    /// 17th until the next save. Killed after sealing 10 of them, it comes back sealing from pad 21
    /// (none below the reservation), only once a new snapshot is saved; Bob takes the gap.
    @Test func aRestoredSessionNeverSealsBelowTheReservation() throws {
        var (alice, bob) = try LinkTestKeys.sessions(pads: 64)
        for _ in 0..<5 { _ = try bob.messages(from: try alice.seal(.siftingBases, payload: [1])) }
        let saved = alice.snapshot(reservingOutgoingPads: 16)
        #expect(alice.outgoingPadsReserved == nil, "not limited before the snapshot is saved")
        alice.snapshotSaved(saved)
        #expect(alice.outgoingPadsReserved == 16)
        var live = alice
        for _ in 0..<16 { _ = try live.seal(.siftingBases, payload: [2]) }
        #expect(throws: LinkProtocolError.outgoingPadNotReserved(sequenceNumber: 21, reservedBelow: 21)) {
            try live.seal(.siftingBases, payload: [3])
        }
        for _ in 0..<10 { _ = try bob.messages(from: try alice.seal(.siftingBases, payload: [2])) }

        var restored = LinkSession(restoring: try LinkSessionSnapshot(decoding: saved.encoded()))
        #expect(restored.outgoingPadsReserved == 0)
        #expect(throws: LinkProtocolError.outgoingPadNotReserved(sequenceNumber: 21, reservedBelow: 21)) {
            try restored.seal(.siftingBases, payload: [4])
        }
        let next = restored.snapshot(reservingOutgoingPads: 16)
        #expect(next.outgoing.nextPadIndex == 37)
        restored.snapshotSaved(next)
        let frame = try restored.seal(.siftingBases, payload: [4])
        #expect(try bob.messages(from: frame).map(\.sequenceNumber) == [21])
        #expect(restored.outgoingPool.bitsConsumed == 22 * 128)
    }

    /// A reservation is cut to the pads the pool holds (a later save reserves the replenished
    /// ones), so the saved numbering never runs past the material both nodes share.
    @Test func aReservationStopsAtTheEndOfThePool() throws {
        var (alice, bob) = try LinkTestKeys.sessions(pads: 4)
        var state = alice.snapshot(reservingOutgoingPads: 64)
        #expect(state.outgoing.nextPadIndex == 4 && state.outgoing.padCount == 0)
        alice.snapshotSaved(state)
        let produced = LinkTestKeys.secret(bytes: 8 * 32, seed: 7)
        try alice.replenish(bits: produced)
        try bob.replenish(bits: produced)
        state = alice.snapshot(reservingOutgoingPads: 64)
        #expect(state.outgoing.nextPadIndex == 12 && state.outgoing.padCount == 0)
        var restored = LinkSession(restoring: state)
        let producedLater = LinkTestKeys.secret(bytes: 8 * 32, seed: 9)
        try restored.replenish(bits: producedLater)
        try bob.replenish(bits: producedLater)
        restored.snapshotSaved(restored.snapshot(reservingOutgoingPads: 1))
        #expect(try bob.messages(from: try restored.seal(.siftingBases, payload: [])).map(\.sequenceNumber) == [12])
    }

    /// Both nodes killed and restored from their saved state (taken after a replenishment) keep
    /// talking both ways, through the pre-shared pads into the replenished ones: the pools agree.
    @Test func aliceAndBobContinueAfterBothRestore() throws {
        var (alice, bob) = try LinkTestKeys.sessions(pads: 8)
        for round in 0..<6 {
            _ = try bob.messages(from: try alice.seal(.siftingBases, payload: [UInt8(round)]))
            _ = try alice.messages(from: try bob.seal(.cascadeParityReply, payload: [UInt8(round)]))
        }
        let produced = LinkTestKeys.secret(bytes: 16 * 32, seed: 8)
        try alice.replenish(bits: produced)
        try bob.replenish(bits: produced)
        var restoredAlice = LinkSession(restoring: try LinkSessionSnapshot(decoding: alice.snapshot(reservingOutgoingPads: 3).encoded()))
        var restoredBob = LinkSession(restoring: try LinkSessionSnapshot(decoding: bob.snapshot(reservingOutgoingPads: 3).encoded()))
        restoredAlice.snapshotSaved(restoredAlice.snapshot(reservingOutgoingPads: 64))
        restoredBob.snapshotSaved(restoredBob.snapshot(reservingOutgoingPads: 64))
        // 6 used + 3 reserved: both continue from pad 9, the first replenished pad is 8; 15 more pads each way.
        var received: [UInt64] = []
        for round in 0..<15 {
            received += try restoredBob.messages(from: try restoredAlice.seal(.siftingBases, payload: [UInt8(round), 9])).map(\.sequenceNumber)
            received += try restoredAlice.messages(from: try restoredBob.seal(.cascadeParityReply, payload: [UInt8(round)])).map(\.sequenceNumber)
        }
        #expect(received == (9..<24).flatMap { [UInt64($0), UInt64($0)] })
        #expect(restoredAlice.outgoingPool.tagsRemaining == 0 && restoredBob.incomingPool.tagsRemaining == 0)
    }

    /// The replay floor: a frame accepted before the save is refused after the restore; one
    /// accepted after the last save is accepted again — why a node saves before it acts on a message.
    @Test func theReplayFloorIsTheSavedOne() throws {
        var (alice, bob) = try LinkTestKeys.sessions(pads: 8)
        let early = try alice.seal(.siftingBases, payload: [1])
        let late = try alice.seal(.siftingBases, payload: [2])
        _ = try bob.messages(from: early)
        let saved = bob.snapshot(reservingOutgoingPads: 4)
        _ = try bob.messages(from: late)

        var restored = LinkSession(restoring: saved)
        #expect(throws: LinkProtocolError.replayedSequenceNumber(found: 0, lastAccepted: 0)) { try restored.messages(from: early) }
        restored.resetStream()
        #expect(try restored.messages(from: late).map(\.sequenceNumber) == [1])
    }
}
