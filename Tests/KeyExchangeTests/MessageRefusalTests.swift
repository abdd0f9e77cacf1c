import KeyDistillation
@testable import KeyExchange
import KeyStore
import LinkProtocol
import SeededRandom
import Testing

/// Messages a role must refuse: out of order, duplicated, for another block or range, malformed.
/// Each ends the block with a protocol violation whose detail names what was wrong; the peer
/// learns it through the abort; nothing is stored.
@Suite struct MessageRefusalTests {
    static let configuration = KeyExchangeConfiguration(authenticationReplenishmentBits: 4096)
    static let detections = Detections.draw(count: 2000, qber: 0.02, seed: 1440)

    /// Bob's role for block 30 over the test detections' range, and Alice's opening message
    /// (block `aliceBlock`, range `aliceRange` or the same).
    private func opening(aliceBlock: UInt64 = 30, aliceRange: Range<UInt64>? = nil)
        throws -> (link: TwoNodeLink, alice: AliceBlockExchange<Xoshiro256StarStar>, bob: BobBlockExchange<Xoshiro256StarStar>, bases: OutgoingLinkMessage) {
        let link = try TwoNodeLink()
        let range = Detections.range(of: Self.detections.alice)
        var alice = try AliceBlockExchange(blockID: aliceBlock, detectionRange: aliceRange ?? range, detections: Self.detections.alice,
                                           configuration: Self.configuration, store: link.aliceStore, randomness: Xoshiro256StarStar(seed: 1441))
        let bob = try BobBlockExchange(blockID: 30, detectionRange: range, detections: Self.detections.bob, configuration: Self.configuration,
                                       store: link.bobStore, randomness: Xoshiro256StarStar(seed: 1442))
        let bases = try #require(alice.start().first)
        return (link, alice, bob, bases)
    }

    /// Delivers `messages` to Bob; returns his answers and the violation detail he ended with.
    private func bobRefuses(_ messages: [OutgoingLinkMessage], link: inout TwoNodeLink, bob: inout BobBlockExchange<Xoshiro256StarStar>)
        async throws -> (answers: [OutgoingLinkMessage], detail: String?) {
        var answers: [OutgoingLinkMessage] = []
        for message in try link.toBob(messages) { answers += try await bob.receive(message, session: &link.bobSession) }
        guard case let .aborted(.protocolViolation, detail, false) = bob.report.outcome else { return (answers, nil) }
        return (answers, detail)
    }

    /// A privacy-amplification seed where Bob expects Alice's bases: refused, naming both types.
    @Test func anOutOfOrderMessageIsRefused() async throws {
        var (link, alice, bob, _) = try opening()
        let header = KeyBlockHeader(blockID: 30, detectionRange: Detections.range(of: Self.detections.alice))
        let early = OutgoingLinkMessage(.privacyAmplificationSeed, payload: header.framing([7, 1, 0, 0, 0]))
        let (answers, detail) = try await bobRefuses([early], link: &link, bob: &bob)
        #expect(detail == "sifting: expected siftingBases (0x10), got privacyAmplificationSeed (0x50)")
        // Alice learns it from Bob's abort and ends the block with his reason.
        for message in try link.toAlice(answers) { _ = try await alice.receive(message, session: &link.aliceSession) }
        guard case .aborted(.protocolViolation, let aliceDetail, true) = alice.report.outcome else { Issue.record("Alice: \(alice.report.outcome)"); return }
        #expect(aliceDetail.contains("block 30") && aliceDetail.contains("expected siftingBases"))
        #expect(try await link.storesAreEmpty())
    }

    /// Alice's bases twice (each sealed with its own pad, so the link accepts both): the second is
    /// refused — Bob is past sifting.
    @Test func aDuplicatedMessageIsRefused() async throws {
        var (link, _, bob, bases) = try opening()
        let (answers, detail) = try await bobRefuses([bases, bases], link: &link, bob: &bob)
        #expect(detail == "parameter estimation: expected parameterEstimationSample (0x20), got siftingBases (0x10)")
        #expect(answers.map(\.messageType) == [.siftingBases, .abort])
    }

    /// Bases for block 31 at Bob's block 30, and for block 30 over another range: refused, naming both.
    @Test func aForeignBlocksMessageIsRefused() async throws {
        var (link, _, bob, bases) = try opening(aliceBlock: 31)
        let range = Detections.range(of: Self.detections.alice)
        let (_, detail) = try await bobRefuses([bases], link: &link, bob: &bob)
        #expect(detail == "sifting: siftingBases for block 31 (detections \(range.lowerBound) ..< \(range.upperBound)), this is block 30 (detections \(range.lowerBound) ..< \(range.upperBound))")

        var (otherLink, _, otherBob, otherBases) = try opening(aliceRange: range.lowerBound..<(range.upperBound + 5))
        let (_, otherDetail) = try await bobRefuses([otherBases], link: &otherLink, bob: &otherBob)
        #expect(otherDetail?.contains("for block 30 (detections \(range.lowerBound) ..< \(range.upperBound + 5))") == true)
    }

    /// Malformed bytes: a header cut short, a header with an empty range, a body that is not a basis
    /// announcement, announced indices outside the block's range. Each refused by what is wrong.
    @Test func malformedMessagesAreRefused() async throws {
        let range = Detections.range(of: Self.detections.alice)
        let header = KeyBlockHeader(blockID: 30, detectionRange: range)
        let outside = BasisAnnouncement(indices: [range.upperBound], bases: BitString(bits: [false]))
        let cases: [(OutgoingLinkMessage, String)] = [
            (OutgoingLinkMessage(.siftingBases, payload: Array(header.framing([]).prefix(10))), "siftingBases: truncated at byte 8, 8 more needed, 2 left"),
            (OutgoingLinkMessage(.siftingBases, payload: KeyBlockHeader(blockID: 30, detectionRange: 5..<6).framing([]).prefix(16) + [5, 0, 0, 0, 0, 0, 0, 0]),
             "siftingBases: empty detection range 5 ..< 5"),
            (OutgoingLinkMessage(.siftingBases, payload: header.framing([0x02])), "malformed basis announcement"),
            (OutgoingLinkMessage(.siftingBases, payload: header.framing(outside.encode())), "sifting bases: indices \(range.upperBound) … \(range.upperBound) outside block 30"),
        ]
        for (message, expected) in cases {
            var (link, _, bob, _) = try opening()
            let (answers, detail) = try await bobRefuses([message], link: &link, bob: &bob)
            #expect(detail?.contains(expected) == true, "\(String(describing: detail)) lacks \(expected)")
            #expect(answers.map(\.messageType) == [.abort])
            #expect(try await link.storesAreEmpty())
        }
    }

    /// A status reply inside a block is not Alice's to take there: refused. A status reply to
    /// recovery that cannot be read is refused by name, not a crash.
    @Test func statusMessagesOutOfPlaceAreRefused() async throws {
        var (link, alice, _, _) = try opening()
        let reply = OutgoingLinkMessage(.blockStatusReply, payload: BlockStatus(blockID: 30, committed: true).encodeReply())
        for message in try link.toAlice([reply]) { _ = try await alice.receive(message, session: &link.aliceSession) }
        guard case .aborted(.protocolViolation, let detail, false) = alice.report.outcome else { Issue.record("Alice: \(alice.report.outcome)"); return }
        #expect(detail == "sifting: expected siftingBases (0x10), got blockStatusReply (0x63)")
        let bad = LinkMessage(messageType: .blockStatusReply, sequenceNumber: 9, payload: [30, 0, 0, 0, 0, 0, 0, 0, 2])
        await #expect(throws: KeyExchangeError.protocolViolation(KeyExchangeViolation("block status reply: status byte 2, expected 0 or 1"))) {
            _ = try await PendingBlockRecovery.settle(bad, store: link.aliceStore, session: &link.aliceSession)
        }
    }
}
