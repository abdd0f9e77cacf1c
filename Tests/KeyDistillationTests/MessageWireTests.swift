import KeyDistillation
import SeededRandom
import Testing

/// Every message decodes from its own bytes to itself, and rejects bytes that cannot be right
/// with an error that names the message and what was wrong.
@Suite struct MessageWireTests {
    static func message(of error: KeyDistillationError) -> String { error.description }

    @Test func everyMessageRoundTripsThroughItsBytes() throws {
        var generator = Xoshiro256StarStar(seed: 21)
        let bits = BitString.random(count: 131, using: &generator)
        let announcement = BasisAnnouncement(indices: [3, 9, 12, 1 << 40], bases: BitString(bits: [true, false, false, true]))
        #expect(try BasisAnnouncement(decoding: announcement.encode()) == announcement)
        let sample = SampleDisclosure(seed: 0xDEAD_BEEF, keyLength: 1000, bits: bits)
        #expect(try SampleDisclosure(decoding: sample.encode()) == sample)
        for schedule in [CascadeBlockSchedule.doubling, .martinezMateoOption7] {
            let setup = CascadeSetup(seed: 77, keyLength: 100_000, passCount: 6, firstBlockSize: 64, blockSchedule: schedule)
            #expect(try CascadeSetup(decoding: setup.encode()) == setup)
        }
        let request = CascadeParityRequest(queries: [.init(pass: 0, start: 0, end: 64), .init(pass: 5, start: 99_000, end: 100_000)])
        #expect(try CascadeParityRequest(decoding: request.encode()) == request)
        let reply = CascadeParityReply(parities: bits)
        #expect(try CascadeParityReply(decoding: reply.encode()) == reply)
        let tag = VerificationTag(seed: 5, keyBits: 1000, tag: Verification.modulus - 1)
        #expect(try VerificationTag(decoding: tag.encode()) == tag)
        var seedSource = Xoshiro256StarStar(seed: 9)
        let amplification = PrivacyAmplificationSeed(inputBits: 1000, outputBits: 700, drawingFrom: &seedSource)
        #expect(try PrivacyAmplificationSeed(decoding: amplification.encode()) == amplification)
    }

    /// Indices go as gaps in LEB128: 10 000 detections 1 … 127 cycles apart take one byte per gap,
    /// 1 + 4 + 8 + 9 999 + (4 + 157·8) = 11 272 bytes in all (seed 22); gaps needing 1, 2, 9 and 10
    /// bytes survive the round trip.
    @Test func basisAnnouncementsCarryIndicesAsGaps() throws {
        var generator = Xoshiro256StarStar(seed: 22)
        var indices: [UInt64] = [1000]
        for _ in 1..<10_000 { indices.append(indices[indices.count - 1] + 1 + generator.next(upperBound: 127)) }
        let dense = BasisAnnouncement(indices: indices, bases: BitString.random(count: 10_000, using: &generator))
        #expect(dense.encode().count == 11_272)
        #expect(try BasisAnnouncement(decoding: dense.encode()) == dense)
        let wide = BasisAnnouncement(indices: [0, 1, 129, 129 + (1 << 62), UInt64.max], bases: BitString(zeros: 5))
        #expect(try BasisAnnouncement(decoding: wide.encode()) == wide)
        let empty = BasisAnnouncement(indices: [], bases: BitString(zeros: 0))
        #expect(try BasisAnnouncement(decoding: empty.encode()) == empty)
    }

    /// A repeated index (gap 0), a gap running past 2⁶⁴, and an eleven-byte gap are refused, each
    /// with what was wrong.
    @Test func basisAnnouncementGapsThatCannotBeAreRejected() throws {
        let header: [UInt8] = [0x01, 2, 0, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0]
        let bases: [UInt8] = [2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
        for (gap, expected) in [([UInt8(0)], "gap 0"),
                                ([UInt8](repeating: 0xFF, count: 9) + [0x01], "gap 18446744073709551615"),
                                ([UInt8](repeating: 0x80, count: 10) + [0x00], "longer than 64 bits")] {
            do {
                _ = try BasisAnnouncement(decoding: header + gap + bases)
                Issue.record("accepted \(gap)")
            } catch { #expect(error.description.contains(expected), "\(error)") }
        }
    }

    @Test func truncatedTrailingAndWrongKindBytesAreRejected() throws {
        let bytes = SampleDisclosure(seed: 1, keyLength: 100, bits: BitString(zeros: 70)).encode()
        for cut in [0, 1, 8, 12, bytes.count - 1] {
            #expect(throws: KeyDistillationError.self, "cut at \(cut)") { try SampleDisclosure(decoding: Array(bytes[0..<cut])) }
        }
        do {
            _ = try SampleDisclosure(decoding: bytes + [0])
            Issue.record("trailing byte accepted")
        } catch { #expect(error.description.contains("1 trailing bytes")) }
        do {
            _ = try CascadeParityReply(decoding: bytes)
            Issue.record("a sample disclosure decoded as a parity reply")
        } catch { #expect(error.description.contains("Cascade parity reply") && error.description.contains("kind byte")) }
    }

    @Test func oversizedCountsAndOutOfRangeFieldsAreRejectedBeforeAllocation() throws {
        // A parity reply claiming 2³² − 1 bits in a 9-byte message.
        let hugeCount: [UInt8] = [0x05, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0]
        do {
            _ = try CascadeParityReply(decoding: hugeCount)
            Issue.record("accepted")
        } catch { #expect(error.description.contains("exceeds")) }
        // A message longer than any block can need.
        #expect(throws: KeyDistillationError.oversizedMessage(message: "Cascade setup", byteCount: 20, limitBytes: 19)) {
            try CascadeSetup(decoding: [UInt8](repeating: 3, count: 20))
        }
        // A block schedule this version does not know.
        var unknownSchedule = CascadeSetup(seed: 1, keyLength: 1000, passCount: 4, firstBlockSize: 64).encode()
        unknownSchedule[unknownSchedule.count - 1] = 7
        do {
            _ = try CascadeSetup(decoding: unknownSchedule)
            Issue.record("accepted")
        } catch { #expect(error.description.contains("unknown block schedule 7")) }
        // Setup fields out of range: 0 passes, a first block larger than the key.
        var zeroPasses = CascadeSetup(seed: 1, keyLength: 1000, passCount: 0, firstBlockSize: 64).encode()
        #expect(throws: KeyDistillationError.self) { try CascadeSetup(decoding: zeroPasses) }
        zeroPasses = CascadeSetup(seed: 1, keyLength: 1000, passCount: 4, firstBlockSize: 2000).encode()
        #expect(throws: KeyDistillationError.self) { try CascadeSetup(decoding: zeroPasses) }
        // An empty parity query, a tag not below p, a basis list shorter than its indices, a
        // sample longer than its key, privacy amplification that would lengthen the key.
        #expect(throws: KeyDistillationError.self) { try CascadeParityRequest(decoding: CascadeParityRequest(queries: [.init(pass: 0, start: 5, end: 5)]).encode()) }
        #expect(throws: KeyDistillationError.self) { try VerificationTag(decoding: VerificationTag(seed: 1, keyBits: 8, tag: Verification.modulus).encode()) }
        #expect(throws: KeyDistillationError.self) { try BasisAnnouncement(decoding: BasisAnnouncement(indices: [1, 2], bases: BitString(zeros: 1)).encode()) }
        #expect(throws: KeyDistillationError.self) { try SampleDisclosure(decoding: SampleDisclosure(seed: 1, keyLength: 10, bits: BitString(zeros: 11)).encode()) }
        #expect(throws: KeyDistillationError.self) {
            try PrivacyAmplificationSeed(decoding: PrivacyAmplificationSeed(inputBits: 10, outputBits: 11, seedBits: BitString(zeros: 20)).encode())
        }
        // A seed string one bit short of n + m − 1.
        #expect(throws: KeyDistillationError.self) {
            try PrivacyAmplificationSeed(decoding: PrivacyAmplificationSeed(inputBits: 10, outputBits: 5, seedBits: BitString(zeros: 13)).encode())
        }
    }
}
