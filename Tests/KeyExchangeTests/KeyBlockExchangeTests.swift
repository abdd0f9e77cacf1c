import KeyDistillation
import KeyExchange
import KeyStore
import LinkProtocol
import SeededRandom
import Testing

/// One block between the two roles, every message sealed and authenticated on one session and
/// received on the other.
@Suite struct KeyBlockExchangeTests {
    /// 4·10⁵ detections at QBER 2 % (seed 1402): both stores hold the same keys under the same
    /// key_IDs, as many as ⌊(ℓ − set-aside)/256⌋; ℓ is the closed form of Tomamichel et al. 2012
    /// Eq. (2) for the block's own n, k, Q and leakage; the sampled QBER lies within 5σ of 2 %
    /// (σ = √(0.02·0.98/k)); the pools grew by the same bits at both ends and the block gave back
    /// more than its frames used.
    @Test func bothStoresHoldTheSameKeysUnderTheSameIDs() async throws {
        var link = try TwoNodeLink()
        let configuration = KeyExchangeConfiguration(authenticationReplenishmentBits: 65_536)
        var (alice, bob) = try link.roles(blockID: 7, detections: Detections.draw(count: 400_000, qber: 0.02, seed: 1402),
                                          configuration: configuration, seed: 1403)
        let poolBefore = link.aliceSession.outgoingPool.bitsRemaining
        try await link.run(alice: &alice, bob: &bob)

        let aliceReport = alice.report, bobReport = bob.report
        guard case .committed(let aliceIDs) = aliceReport.outcome, case .committed(let bobIDs) = bobReport.outcome else {
            Issue.record("outcomes \(aliceReport.outcome) / \(bobReport.outcome)")
            return
        }
        #expect(aliceIDs == bobIDs && !aliceIDs.isEmpty)
        let state = try await link.consistent(blockID: 7)
        #expect(state.same && state.aliceKeys == aliceIDs.count && state.bobKeys == aliceIDs.count)

        let report = aliceReport.distillation
        let qber = try #require(report.qber)
        #expect(abs(qber.value - 0.02) <= 5 * (0.02 * 0.98 / Double(qber.sampleBits)).squareRoot())
        let expectedBits = try FiniteKeyLength.secretBits(keyBits: report.reconciledBits, sampleBits: report.sampleBits, toleratedQBER: qber.value,
                                                          leakedBits: report.leakedBits, epsilonSecrecy: 1e-10,
                                                          epsilonCorrectness: try #require(report.epsilonCorrectness))
        #expect(report.secureBits == expectedBits && bobReport.distillation.secureBits == expectedBits)
        #expect(aliceIDs.count == (expectedBits - 65_536) / 256 && aliceReport.unusedFinalBits == (expectedBits - 65_536) % 256)
        #expect(report.leakedBits == bobReport.distillation.leakedBits && bobReport.distillation.correctedErrors > 0)

        // Frames: what one sent the other received; the block's pads are 128 bits a frame.
        #expect(aliceReport.framesSent == bobReport.framesReceived && bobReport.framesSent == aliceReport.framesReceived)
        #expect(aliceReport.authenticationBitsConsumed == 128 * (aliceReport.framesSent + aliceReport.framesReceived))
        #expect(aliceReport.authenticationBitsReplenished == 65_536 && aliceReport.replenishesItsAuthentication)
        #expect(link.aliceSession.outgoingPool.bitsRemaining == poolBefore - 128 * aliceReport.framesSent + 32_768)
        print("block 7: \(aliceReport.distillation.siftedBits) sifted, QBER \(qber.value), ℓ \(report.secureBits) bits, \(aliceIDs.count) keys; frames A→B \(aliceReport.framesSent), B→A \(bobReport.framesSent); authentication bits consumed \(aliceReport.authenticationBitsConsumed), replenished \(aliceReport.authenticationBitsReplenished)")
    }

    /// QBER 15 % (seed 1404): Bob's sample estimate is above 11 %, Bob ends the block with the
    /// threshold reason, Alice ends it with his reason, and neither store holds anything.
    @Test func aBlockAtFifteenPercentStoresNothing() async throws {
        var link = try TwoNodeLink()
        var (alice, bob) = try link.roles(blockID: 8, detections: Detections.draw(count: 100_000, qber: 0.15, seed: 1404),
                                          configuration: KeyExchangeConfiguration(authenticationReplenishmentBits: 4096), seed: 1405)
        try await link.run(alice: &alice, bob: &bob)
        guard case let .aborted(reason, detail, byPeer) = bob.report.outcome else { Issue.record("Bob: \(bob.report.outcome)"); return }
        #expect(reason == .quantumBitErrorRateAboveThreshold && !byPeer && detail.contains("exceeds the threshold 11.00 %"))
        guard case let .aborted(aliceReason, aliceDetail, aliceByPeer) = alice.report.outcome else { Issue.record("Alice: \(alice.report.outcome)"); return }
        #expect(aliceReason == .quantumBitErrorRateAboveThreshold && aliceByPeer && aliceDetail.contains("block 8"))
        let qber = try #require(bob.report.distillation.qber)
        #expect(abs(qber.value - 0.15) <= 5 * (0.15 * 0.85 / Double(qber.sampleBits)).squareRoot())
        #expect(try await link.storesAreEmpty())
    }

    /// A corrected key that still differs (Bob's tag altered before it is sealed, as a Cascade
    /// leftover would make it): Alice ends the block with "verification failed", nothing stored.
    @Test func aFailedVerificationStoresNothing() async throws {
        var link = try TwoNodeLink()
        var (alice, bob) = try link.roles(blockID: 9, detections: Detections.draw(count: 100_000, qber: 0.02, seed: 1406),
                                          configuration: KeyExchangeConfiguration(authenticationReplenishmentBits: 4096), seed: 1407)
        try await link.run(alice: &alice, bob: &bob, tamperBob: { message in
            guard message.messageType == .verificationTag else { return message }
            var payload = message.payload
            payload[payload.count - 1] ^= 0x01 // the tag's top byte (< 2⁶¹ − 1 stays valid)
            return OutgoingLinkMessage(.verificationTag, payload: payload)
        })
        #expect(alice.report.distillation.verificationPassed == false && alice.report.distillation.abortReason == .verificationFailed)
        guard case .aborted(.verificationFailed, _, false) = alice.report.outcome, case .aborted(.verificationFailed, _, true) = bob.report.outcome else {
            Issue.record("outcomes \(alice.report.outcome) / \(bob.report.outcome)")
            return
        }
        #expect(try await link.storesAreEmpty())
    }

    /// A small block (10⁵ detections, seed 1408) with only 4096 bits set aside: it commits, and its
    /// report says its frames used more pad bits than it gave back.
    @Test func aReplenishmentBelowTheBlocksConsumptionIsReported() async throws {
        var link = try TwoNodeLink()
        var (alice, bob) = try link.roles(blockID: 10, detections: Detections.draw(count: 100_000, qber: 0.02, seed: 1408),
                                          configuration: KeyExchangeConfiguration(authenticationReplenishmentBits: 4096), seed: 1409)
        try await link.run(alice: &alice, bob: &bob)
        guard case .committed = alice.report.outcome else { Issue.record("Alice: \(alice.report.outcome)"); return }
        #expect(alice.report.authenticationBitsReplenished == 4096)
        #expect(2048 < 128 * alice.report.framesSent && !alice.report.replenishesItsAuthentication && !bob.report.replenishesItsAuthentication)
        #expect(try await link.consistent(blockID: 10).same)
    }

    /// A replenishment that is not whole pads for both directions is refused by name.
    @Test func aReplenishmentOfPartPadsIsRefused() throws {
        let link = try TwoNodeLink()
        #expect(throws: KeyDistillationError.self) {
            _ = try link.roles(blockID: 11, detections: Detections.draw(count: 1000, qber: 0.02, seed: 1410),
                               configuration: KeyExchangeConfiguration(authenticationReplenishmentBits: 100), seed: 1411)
        }
        let detections = Detections.draw(count: 1000, qber: 0.02, seed: 1410)
        #expect(throws: KeyDistillationError.invalidParameter(name: "detection 0 index", value: "0", expected: "inside the block's range 5 ..< 10")) {
            _ = try AliceBlockExchange(blockID: 11, detectionRange: 5..<10, detections: detections.alice, configuration: KeyExchangeConfiguration(),
                                       store: link.aliceStore, randomness: Xoshiro256StarStar(seed: 1))
        }
    }
}
