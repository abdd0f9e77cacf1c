import KeyDistillation
@testable import KeyExchange
import KeyStore
import LinkProtocol
import SeededRandom
import Testing

/// The two-phase commit's crash points (docs/link-exchange.md, "Crash cases"). A kill drops the
/// role and the store instance; the restarted node reopens its store from its folder and settles
/// pending blocks with the peer. The sessions survive (their pools are the transport's to persist).
/// Every case ends with the same ready keys under the same ids at both nodes, or none at either,
/// nothing pending, and each direction's pool holding the same bits at both ends.
@Suite struct CommitCrashTests {
    static let configuration = KeyExchangeConfiguration(authenticationReplenishmentBits: 4096)

    /// A 10⁵-detection block at QBER 2 % (seed `seed`), run until it stops.
    private func block(_ blockID: UInt64, seed: UInt64, haltAlice: CommitHaltPoint? = nil, haltBob: CommitHaltPoint? = nil,
                       dropAcknowledgement: Bool = false)
        async throws -> (link: TwoNodeLink, alice: AliceBlockExchange<Xoshiro256StarStar>, bob: BobBlockExchange<Xoshiro256StarStar>) {
        var link = try TwoNodeLink()
        var (alice, bob) = try link.roles(blockID: blockID, detections: Detections.draw(count: 100_000, qber: 0.02, seed: seed),
                                          configuration: Self.configuration, seed: seed + 1)
        alice.haltPoint = haltAlice
        bob.haltPoint = haltBob
        try await link.run(alice: &alice, bob: &bob, dropToAlice: { dropAcknowledgement && $0.messageType == .keyConfirmationAcknowledgement })
        return (link, alice, bob)
    }

    /// Alice restarted: her queries go to Bob (his open role if `bobRole`, else his store answers),
    /// his replies settle her pending blocks.
    private func settleAlice(_ link: inout TwoNodeLink, bobRole: inout BobBlockExchange<Xoshiro256StarStar>?) async throws -> [PendingBlockRecovery.Settlement] {
        try link.reopenAliceStore()
        var replies: [OutgoingLinkMessage] = []
        for query in try link.toBob(try await PendingBlockRecovery.statusQueries(store: link.aliceStore)) {
            if var role = bobRole {
                replies += try await role.receive(query, session: &link.bobSession)
                bobRole = role
            } else {
                replies.append(try await PendingBlockRecovery.answer(query, store: link.bobStore))
            }
        }
        var settlements: [PendingBlockRecovery.Settlement] = []
        for reply in try link.toAlice(replies) {
            settlements.append(try await PendingBlockRecovery.settle(reply, store: link.aliceStore, session: &link.aliceSession))
        }
        return settlements
    }

    /// Alice killed before writing her pending copy: nothing anywhere, nothing to settle.
    @Test func aliceKilledBeforeHerPendingCopy() async throws {
        var (link, _, _) = try await block(20, seed: 1420, haltAlice: .beforePendingDeposit)
        var noBob: BobBlockExchange<Xoshiro256StarStar>?
        #expect(try await settleAlice(&link, bobRole: &noBob).isEmpty)
        #expect(try await link.storesAreEmpty())
        #expect(try await link.consistent(blockID: 20).same)
    }

    /// Alice killed after writing her pending copy, before the confirmation left: Bob, still
    /// waiting for the seed, answers "not committed" and ends his role; Alice discards.
    @Test func aliceKilledAfterHerPendingCopy() async throws {
        var (link, _, bob) = try await block(21, seed: 1422, haltAlice: .afterPendingDeposit)
        #expect(try await link.aliceStore.pendingBlocks() == [21])
        var bobRole: BobBlockExchange<Xoshiro256StarStar>? = bob
        #expect(try await settleAlice(&link, bobRole: &bobRole) == [.discarded(blockID: 21)])
        guard case .aborted(_, let detail, true)? = bobRole?.report.outcome else { Issue.record("Bob: \(String(describing: bobRole?.report.outcome))"); return }
        #expect(detail.contains("restarted"))
        #expect(try await link.storesAreEmpty())
        #expect(try await link.consistent(blockID: 21).same)
    }

    /// The acknowledgement lost, Alice killed waiting for it: Bob's store says committed, Alice
    /// commits, both hold the same keys and add the same bits to the pools.
    @Test func aliceKilledWaitingForTheAcknowledgement() async throws {
        var (link, alice, bob) = try await block(22, seed: 1424, dropAcknowledgement: true)
        guard case .committed(let ids) = bob.report.outcome else { Issue.record("Bob: \(bob.report.outcome)"); return }
        #expect(alice.report.outcome == .open)
        var noBob: BobBlockExchange<Xoshiro256StarStar>?
        #expect(try await settleAlice(&link, bobRole: &noBob) == [.committed(blockID: 22, keyCount: ids.count)])
        let state = try await link.consistent(blockID: 22)
        #expect(state.same && state.aliceKeys == ids.count && state.bobKeys == ids.count && ids.count > 0)
    }

    /// Alice killed with the acknowledgement in, before her commit: settled as committed.
    @Test func aliceKilledBeforeHerCommit() async throws {
        var (link, _, bob) = try await block(23, seed: 1426, haltAlice: .aroundCommit)
        guard case .committed(let ids) = bob.report.outcome else { Issue.record("Bob: \(bob.report.outcome)"); return }
        var noBob: BobBlockExchange<Xoshiro256StarStar>?
        #expect(try await settleAlice(&link, bobRole: &noBob) == [.committed(blockID: 23, keyCount: ids.count)])
        let state = try await link.consistent(blockID: 23)
        #expect(state.same && state.aliceKeys == ids.count)
    }

    /// Bob killed with the confirmation in, before his pending copy: he holds nothing, answers
    /// "not committed", Alice discards.
    @Test func bobKilledBeforeHisPendingCopy() async throws {
        var (link, _, _) = try await block(24, seed: 1428, haltBob: .beforePendingDeposit)
        try link.reopenBobStore()
        #expect(try await PendingBlockRecovery.rollForward(store: link.bobStore, session: &link.bobSession).isEmpty)
        var noBob: BobBlockExchange<Xoshiro256StarStar>?
        #expect(try await settleAlice(&link, bobRole: &noBob) == [.discarded(blockID: 24)])
        #expect(try await link.storesAreEmpty())
        #expect(try await link.consistent(blockID: 24).same)
    }

    /// Bob killed between his pending copy and his key files: his restart rolls the block
    /// forward (his pending file is his decision), Alice's query then finds it committed.
    @Test func bobKilledAfterHisPendingCopy() async throws {
        var (link, _, _) = try await block(25, seed: 1430, haltBob: .afterPendingDeposit)
        try link.reopenBobStore()
        #expect(await link.bobStore.readyKeyCount == 0)
        #expect(try await PendingBlockRecovery.rollForward(store: link.bobStore, session: &link.bobSession) == [25])
        var noBob: BobBlockExchange<Xoshiro256StarStar>?
        let settlements = try await settleAlice(&link, bobRole: &noBob)
        guard case .committed(25, let count)? = settlements.first else { Issue.record("\(settlements)"); return }
        let state = try await link.consistent(blockID: 25)
        #expect(state.same && state.aliceKeys == count && count > 0)
    }

    /// Bob killed after his commit, before the acknowledgement left: settled as committed.
    @Test func bobKilledBeforeTheAcknowledgement() async throws {
        var (link, _, _) = try await block(26, seed: 1432, haltBob: .aroundCommit)
        try link.reopenBobStore()
        #expect(try await PendingBlockRecovery.rollForward(store: link.bobStore, session: &link.bobSession).isEmpty)
        var noBob: BobBlockExchange<Xoshiro256StarStar>?
        let settlements = try await settleAlice(&link, bobRole: &noBob)
        guard case .committed(26, let count)? = settlements.first else { Issue.record("\(settlements)"); return }
        let state = try await link.consistent(blockID: 26)
        #expect(state.same && state.bobKeys == count && count > 0)
    }

    /// An acknowledgement Alice cannot accept (a wrong key count) after Bob committed: Alice keeps
    /// her copy pending instead of discarding it, and the status query commits it. A second
    /// reply for the same block is refused: it is no longer pending.
    @Test func aBadAcknowledgementLeavesTheBlockToSettlement() async throws {
        var link = try TwoNodeLink()
        var (alice, bob) = try link.roles(blockID: 27, detections: Detections.draw(count: 100_000, qber: 0.02, seed: 1434),
                                          configuration: Self.configuration, seed: 1435)
        try await link.run(alice: &alice, bob: &bob, tamperBob: { message in
            guard message.messageType == .keyConfirmationAcknowledgement else { return message }
            return OutgoingLinkMessage(message.messageType, payload: message.payload.dropLast(4) + [0xFF, 0, 0, 0])
        })
        guard case .awaitingSettlement(let detail) = alice.report.outcome else { Issue.record("Alice: \(alice.report.outcome)"); return }
        #expect(detail.contains("Bob acknowledged 255 keys"))
        var noBob: BobBlockExchange<Xoshiro256StarStar>?
        let settlements = try await settleAlice(&link, bobRole: &noBob)
        guard case .committed(27, _)? = settlements.first else { Issue.record("\(settlements)"); return }
        #expect(try await link.consistent(blockID: 27).same)
        let reply = LinkMessage(messageType: .blockStatusReply, sequenceNumber: 0,
                                payload: try await PendingBlockRecovery.answer(LinkMessage(messageType: .blockStatusQuery, sequenceNumber: 0, payload: [27, 0, 0, 0, 0, 0, 0, 0]), store: link.bobStore).payload)
        await #expect(throws: KeyExchangeError.protocolViolation(KeyExchangeViolation("recovery: status reply for block 27, which is not pending here"))) {
            _ = try await PendingBlockRecovery.settle(reply, store: link.aliceStore, session: &link.aliceSession)
        }
    }
}
