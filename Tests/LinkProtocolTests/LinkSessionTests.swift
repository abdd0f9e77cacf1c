import LinkProtocol
import SeededRandom
import Testing

/// Authentication and order: what Bob accepts from Alice, and what he refuses.
@Suite struct LinkSessionTests {
    /// Messages both ways arrive as sent, with sequence numbers 0, 1, 2 … per direction.
    @Test func messagesRoundTripBothWays() throws {
        var (alice, bob) = try LinkTestKeys.sessions()
        let payloads: [[UInt8]] = [[], [1], Array(0..<200), LinkTestKeys.secret(bytes: 5000, seed: 3)]
        for (index, payload) in payloads.enumerated() {
            let toBob = try alice.seal(.siftingBases, payload: payload)
            #expect(toBob.count == LinkFrameLayout.headerBytes + payload.count + LinkFrameLayout.tagBytes)
            #expect(try bob.messages(from: toBob) == [LinkMessage(messageType: .siftingBases, sequenceNumber: UInt64(index), payload: payload)])
            let toAlice = try bob.seal(.cascadeParityReply, payload: payload.reversed())
            #expect(try alice.messages(from: toAlice) == [LinkMessage(messageType: .cascadeParityReply, sequenceNumber: UInt64(index),
                                                                      payload: payload.reversed())])
        }
        #expect(alice.outgoingPool.bitsConsumed == 4 * 128 && bob.incomingPool.bitsConsumed == 4 * 128)
    }

    /// Every one of the frame's 8·(18 + 40 + 16) single-bit changes — magic, version, type,
    /// sequence number, length, payload, tag — is refused: no message comes out, whether the
    /// decoder rejects the header, waits for bytes that never come, or the tag check fails.
    /// A change in the payload or the tag is always a tag mismatch.
    @Test func everySingleBitChangeIsRefused() throws {
        var (alice, bob) = try LinkTestKeys.sessions()
        let frame = try alice.seal(.verificationTag, payload: LinkTestKeys.secret(bytes: 40, seed: 5))
        for bit in 0..<(8 * frame.count) {
            var altered = frame
            altered[bit / 8] ^= 1 << UInt8(bit % 8)
            var receiver = bob
            do {
                let messages = try receiver.messages(from: altered)
                try receiver.endOfStream()
                Issue.record("bit \(bit) flipped and accepted: \(messages)")
            } catch let error as LinkProtocolError {
                if bit / 8 >= LinkFrameLayout.headerBytes {
                    #expect(error == .authenticationTagMismatch(sequenceNumber: 0, messageType: LinkMessageType.verificationTag.rawValue),
                            "bit \(bit)")
                }
            }
        }
        #expect(try bob.messages(from: frame).count == 1, "the unaltered frame still passes")
    }

    /// A frame sent again, or an older one after a newer, is refused with both numbers named.
    @Test func replayAndReorderingAreRefused() throws {
        var (alice, bob) = try LinkTestKeys.sessions()
        let first = try alice.seal(.hello, payload: LinkHello().payload)
        let second = try alice.seal(.siftingBases, payload: [1, 2, 3])
        #expect(try bob.messages(from: first).count == 1)
        var replayed = bob
        #expect(throws: LinkProtocolError.replayedSequenceNumber(found: 0, lastAccepted: 0)) { try replayed.messages(from: first) }
        #expect(try bob.messages(from: second).count == 1)
        var reordered = bob
        #expect(throws: LinkProtocolError.replayedSequenceNumber(found: 0, lastAccepted: 1)) { try reordered.messages(from: first) }
    }

    /// Frames lost with a connection leave a gap: the next frame is accepted and the skipped
    /// pads are discarded (counted as consumed), never used.
    @Test func gapsAreAcceptedAndTheirPadsDiscarded() throws {
        var (alice, bob) = try LinkTestKeys.sessions()
        _ = try alice.seal(.siftingBases, payload: [1])
        _ = try alice.seal(.siftingBases, payload: [2])
        let third = try alice.seal(.siftingBases, payload: [3])
        #expect(try bob.messages(from: third).map(\.sequenceNumber) == [2])
        #expect(bob.incomingPool.bitsConsumed == 3 * 128)
        #expect(bob.incomingPool.nextPadIndex == 3)
    }

    /// A frame sent back to its own sender (reflection) fails: each direction has its own keys.
    @Test func reflectedFramesFail() throws {
        var (alice, _) = try LinkTestKeys.sessions()
        let frame = try alice.seal(.keyConfirmation, payload: [9, 9])
        #expect(throws: LinkProtocolError.authenticationTagMismatch(sequenceNumber: 0, messageType: LinkMessageType.keyConfirmation.rawValue)) {
            try alice.messages(from: frame)
        }
    }

    /// A wrong pre-shared secret fails at the first frame.
    @Test func aDifferentSecretFails() throws {
        var (alice, _) = try LinkTestKeys.sessions(seed: 1)
        var (_, mallory) = try LinkTestKeys.sessions(seed: 2)
        let frame = try alice.seal(.hello, payload: LinkHello().payload)
        #expect(throws: LinkProtocolError.authenticationTagMismatch(sequenceNumber: 0, messageType: 1)) { try mallory.messages(from: frame) }
    }

    /// With one pad per direction the second frame is refused before anything is consumed, the
    /// error names the bits needed and left; replenishing both nodes with the same bits resumes.
    @Test func anEmptyPoolRefusesToSendUntilReplenished() throws {
        var (alice, bob) = try LinkTestKeys.sessions(pads: 1)
        #expect(alice.outgoingPool.bitsRemaining == 128 && alice.outgoingPool.tagsRemaining == 1)
        #expect(try bob.messages(from: try alice.seal(.siftingBases, payload: [1])).count == 1)
        let exhausted = LinkProtocolError.authenticationKeyPoolExhausted(sequenceNumber: 1, neededBits: 128, remainingBits: 0)
        #expect(throws: exhausted) { try alice.seal(.siftingBases, payload: [2]) }
        #expect(exhausted.description.contains("128 bits needed, 0 left"))
        #expect(alice.outgoingPool.bitsConsumed == 128)

        let produced = LinkTestKeys.secret(bytes: 64, seed: 99)
        try alice.replenish(bits: produced)
        try bob.replenish(bits: produced)
        // Alice's outgoing pool was empty, her incoming one held Bob's unused pad: 0 + 256 and 128 + 256.
        #expect(alice.outgoingPool.bitsRemaining == 256 && alice.incomingPool.bitsRemaining == 384)
        #expect(try bob.messages(from: try alice.seal(.siftingBases, payload: [2])).map(\.sequenceNumber) == [1])
        #expect(try alice.messages(from: try bob.seal(.siftingBases, payload: [3])).map(\.sequenceNumber) == [0])
        #expect(throws: LinkProtocolError.replenishmentNotWholePads(bytes: 48, padBytes: 32)) {
            try alice.replenish(bits: [UInt8](repeating: 0, count: 48))
        }
    }

    /// A frame numbered past the receiver's pads (a forged sequence number) is refused as such.
    @Test func aFrameBeyondThePoolIsRefused() throws {
        var (alice, _) = try LinkTestKeys.sessions(pads: 4)
        var (_, bob) = try LinkTestKeys.sessions(pads: 2)
        for _ in 0..<3 { _ = try alice.seal(.siftingBases, payload: []) }
        let fourth = try alice.seal(.siftingBases, payload: [])
        #expect(throws: LinkProtocolError.authenticationKeyPoolExhausted(sequenceNumber: 3, neededBits: 512, remainingBits: 256)) {
            try bob.messages(from: fourth)
        }
    }

    /// Too short a secret and too long an outgoing payload are refused with the numbers.
    @Test func badSettingsAreRefused() throws {
        #expect(throws: LinkProtocolError.preSharedSecretTooShort(bytes: 63, minimumBytes: 64)) {
            try LinkSession(preSharedSecret: [UInt8](repeating: 1, count: 63), role: .alice)
        }
        #expect(throws: LinkProtocolError.replenishmentNotWholePads(bytes: 40, padBytes: 32)) {
            try LinkSession(preSharedSecret: [UInt8](repeating: 1, count: 72), role: .bob)
        }
        let limits = try LinkFrameLimits(maximumFrameBytes: 100)
        var (alice, _) = try LinkTestKeys.sessions(limits: limits)
        #expect(throws: LinkProtocolError.outgoingPayloadTooLong(bytes: 67, maximumBytes: 66)) {
            try alice.seal(.siftingBases, payload: [UInt8](repeating: 0, count: 67))
        }
        #expect(alice.outgoingPool.bitsConsumed == 0)
    }

    /// After a refused frame the stream stays failed until reset; then the next good frame passes.
    @Test func aFailedStreamRecoversOnlyAfterReset() throws {
        var (alice, bob) = try LinkTestKeys.sessions()
        var forged = try alice.seal(.siftingBases, payload: [1, 2])
        forged[LinkFrameLayout.headerBytes] ^= 0xFF
        #expect(throws: LinkProtocolError.self) { try bob.messages(from: forged) }
        let good = try alice.seal(.siftingBases, payload: [3])
        #expect(throws: LinkProtocolError.authenticationTagMismatch(sequenceNumber: 0, messageType: 0x10)) { try bob.messages(from: good) }
        bob.resetStream()
        #expect(try bob.messages(from: good).map(\.payload) == [[3]])
    }
}
