import LinkProtocol
import SeededRandom
import Testing

/// A session's state across a node restart: its bytes, what they refuse, and the pads a restored
/// session may use (docs/link-channel.md, "Across restarts").
@Suite struct LinkSessionSnapshotTests {
    /// The field a decoder must name when the bytes end at `offset`, for a state whose outgoing
    /// and incoming directions hold `outgoingPadBytes` and `incomingPadBytes` (the format's table).
    static func field(endingAt offset: Int, outgoingPadBytes: Int, incomingPadBytes: Int) -> String {
        var fields: [(String, Int)] = [("magic", 4), ("version", 1), ("role", 1), ("maximum frame bytes", 8),
                                       ("has last accepted", 1), ("last accepted sequence number", 8)]
        for (name, pads) in [("outgoing", outgoingPadBytes), ("incoming", incomingPadBytes)] {
            fields += [("\(name) hash key", 16), ("\(name) next pad index", 8), ("\(name) bits consumed", 8),
                       ("\(name) pad bytes", 8), ("\(name) pads", pads)]
        }
        fields.append(("check", 16))
        var start = 0
        for (name, size) in fields {
            if offset < start + size { return name }
            start += size
        }
        return "none"
    }

    /// Alice and Bob after a few frames each way and one replenishment.
    static func talkedSessions() throws -> (alice: LinkSession, bob: LinkSession) {
        var (alice, bob) = try LinkTestKeys.sessions(pads: 8)
        for round in 0..<3 {
            _ = try bob.messages(from: try alice.seal(.siftingBases, payload: [UInt8(round)]))
            _ = try alice.messages(from: try bob.seal(.cascadeParityReply, payload: [UInt8(round), 1]))
        }
        let produced = LinkTestKeys.secret(bytes: 4 * 32, seed: 41)
        try alice.replenish(bits: produced)
        try bob.replenish(bits: produced)
        return (alice, bob)
    }

    /// The bytes decode to the same state; the reservation is already claimed in them; the
    /// description names counts only.
    @Test func stateRoundTripsThroughItsBytes() throws {
        let (alice, _) = try Self.talkedSessions()
        let state = alice.snapshot(reservingOutgoingPads: 5)
        #expect(try LinkSessionSnapshot(decoding: state.encoded()) == state)
        #expect(state.role == .alice && state.lastAcceptedSequenceNumber == 2)
        // 3 pads used, 5 reserved, of 8 + 4: the saved outgoing direction starts at pad 8 with 4 left.
        #expect(state.outgoing.nextPadIndex == 8 && state.outgoing.padCount == 4 && state.outgoing.bitsConsumed == 8 * 128)
        #expect(state.incoming.nextPadIndex == 3 && state.incoming.padCount == 9 && state.incoming.bitsConsumed == 3 * 128)
        #expect(state.encoded().count == 23 + 2 * 40 + 13 * 16 + 16)
        #expect(state.description == "link session state (alice): outgoing from pad 8, 4 pads; incoming from pad 3, 9 pads; last accepted 2")
        let fresh = try LinkTestKeys.sessions(pads: 2).bob.snapshot(reservingOutgoingPads: 0)
        #expect(try LinkSessionSnapshot(decoding: fresh.encoded()) == fresh)
        #expect(fresh.lastAcceptedSequenceNumber == nil && fresh.outgoing.nextPadIndex == 0)
    }

    /// Version 1's golden bytes, written by the Python reference in docs/link-channel.md ("Across
    /// restarts") from the table alone: Alice after one frame, secret byte i = 7i + 3 (mod 256),
    /// two pads per direction, nothing reserved beyond the used pad. Every later version reads them.
    @Test func versionOneGoldenBytes() throws {
        let golden = "51444c5301000000000000400000000000000000000000030a11181f262d343b424950575e656c0000000000000001"
            + "00000000000000800000000000000010535a61686f767d848b9299a0a7aeb5bc737a81888f969da4abb2b9c0c7ced5dc"
            + "000000000000000000000000000000000000000000000020c3cad1d8dfe6edf4fb020910171e252c333a41484f565d64"
            + "6b727980878e959c1a5c65ef9206d3e74399ebceec1394a1"
        let bytes = stride(from: 0, to: golden.count, by: 2).map { offset in
            UInt8(golden.dropFirst(offset).prefix(2), radix: 16)!
        }
        var alice = try LinkSession(preSharedSecret: (0..<96).map { UInt8(truncatingIfNeeded: 7 * $0 + 3) }, role: .alice)
        _ = try alice.seal(.hello, payload: LinkHello().payload)
        #expect(alice.snapshot(reservingOutgoingPads: 0).encoded() == bytes)
        let state = try LinkSessionSnapshot(decoding: bytes)
        #expect(state.role == .alice && state.limits == .standard && state.lastAcceptedSequenceNumber == nil)
        #expect(state.outgoing.nextPadIndex == 1 && state.outgoing.padCount == 1 && state.incoming.padCount == 2)
    }

    /// Every prefix of the bytes is refused as truncated, naming the field the bytes end in.
    @Test func everyTruncationNamesItsField() throws {
        let state = try Self.talkedSessions().bob.snapshot(reservingOutgoingPads: 2)
        let bytes = state.encoded()
        for length in 0..<bytes.count {
            let expected = Self.field(endingAt: length, outgoingPadBytes: state.outgoing.padMaterial.count,
                                      incomingPadBytes: state.incoming.padMaterial.count)
            #expect {
                try LinkSessionSnapshot(decoding: Array(bytes[..<length]))
            } throws: { error in
                guard case .truncated(let field, _, _, _) = error as? LinkSessionSnapshotError else { return false }
                return field == expected
            }
        }
    }

    /// Values out of range are refused naming the field; a changed pad or index fails the check;
    /// a byte after the check is refused.
    @Test func corruptStateIsRefusedNamingTheField() throws {
        let bytes = try Self.talkedSessions().alice.snapshot(reservingOutgoingPads: 1).encoded()
        func refusal(_ change: (inout [UInt8]) -> Void) -> LinkSessionSnapshotError? {
            var changed = bytes
            change(&changed)
            do { _ = try LinkSessionSnapshot(decoding: changed); return nil } catch { return error }
        }
        #expect(refusal { $0[0] = 0x58 } == .invalidField(field: "magic", offset: 0, reason: "found [88, 68, 76, 83], expected [81, 68, 76, 83] (\"QDLS\")"))
        #expect(refusal { $0[4] = 2 } == .invalidField(field: "version", offset: 4, reason: "version 2, this code reads 1"))
        #expect(refusal { $0[5] = 7 } == .invalidField(field: "role", offset: 5, reason: "7, expected 0 (Alice) or 1 (Bob)"))
        #expect(refusal { $0[14] = 2 } == .invalidField(field: "has last accepted", offset: 14, reason: "2, expected 0 or 1"))
        // The outgoing pad byte count (bytes 55–62) made 17: not whole pads.
        #expect(refusal { $0[62] = 17 } == .invalidField(field: "outgoing pad bytes", offset: 55, reason: "17 is not a whole number of 16-byte pads"))
        // Its top byte set: far more than the bytes left.
        guard case .truncated("outgoing pads", 63, _, _)? = refusal({ $0[55] = 0x80 }) else { Issue.record("huge pad count"); return }
        // The last accepted number (bytes 15–22) raised to the incoming next pad index.
        #expect(refusal { $0[22] = 3 }
            == .invalidField(field: "last accepted sequence number", offset: 15, reason: "3 is not below the incoming next pad index 3"))
        // One pad bit, and the outgoing next pad index (bytes 39–46), changed: both decode but fail the check.
        #expect(refusal { $0[80] ^= 0x04 } == .checkMismatch(offset: bytes.count - 16))
        #expect(refusal { $0[46] -= 1 } == .checkMismatch(offset: bytes.count - 16))
        #expect(refusal { $0.append(0) } == .trailingBytes(offset: bytes.count, count: 1))
        #expect(LinkSessionSnapshotError.checkMismatch(offset: 9).description.contains("corrupt"))
    }

    /// Decoding is total: 2 000 seeded random inputs behind a valid header (lengths up to 400
    /// bytes, any field values) each end in an error, none in a trap or a state.
    @Test func randomBytesAreRefusedWithoutATrap() {
        var generator = Xoshiro256StarStar(seed: 2026)
        for _ in 0..<2_000 {
            let length = Int(generator.next() % 400)
            let bytes = LinkSessionSnapshot.magic + [1] + (0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            #expect(throws: LinkSessionSnapshotError.self) { try LinkSessionSnapshot(decoding: bytes) }
        }
    }
}
