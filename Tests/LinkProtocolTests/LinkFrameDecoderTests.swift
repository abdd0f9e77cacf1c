import LinkProtocol
import SeededRandom
import Testing

/// The streaming decoder: partial and joined frames, and each header field refused by name.
@Suite struct LinkFrameDecoderTests {
    /// Three frames joined and cut into chunks of 1–7 bytes (seed 21) come out whole, in order.
    @Test func chunksOfAnySizeYieldTheSameFrames() throws {
        var (alice, bob) = try LinkTestKeys.sessions()
        let payloads = [[UInt8](), Array(0..<100), [7]]
        let stream = try payloads.flatMap { try alice.seal(.parameterEstimationSample, payload: $0) }
        var generator = Xoshiro256StarStar(seed: 21)
        var received: [LinkMessage] = [], position = 0
        while position < stream.count {
            let end = min(stream.count, position + 1 + Int(generator.next(upperBound: 7)))
            received += try bob.messages(from: Array(stream[position..<end]))
            position = end
        }
        try bob.endOfStream()
        #expect(received.map(\.payload) == payloads)
        #expect(received.map(\.sequenceNumber) == [0, 1, 2])
    }

    /// A wrong first byte fails at once, naming the byte found.
    @Test func badMagicIsRefusedOnTheFirstByte() {
        var decoder = LinkFrameDecoder()
        decoder.append([0x47])
        #expect(throws: LinkProtocolError.badMagic(found: [0x47])) { try decoder.nextFrame() }
        #expect(throws: LinkProtocolError.badMagic(found: [0x47])) { try decoder.nextFrame() }  // stays failed
        decoder.reset()
        decoder.append(LinkFrameLayout.magic)
        #expect(throws: Never.self) { try decoder.nextFrame() }
    }

    /// Version, type and length are each refused with the value found and the limit.
    @Test func headerFieldsAreRefusedByName() throws {
        var (alice, _) = try LinkTestKeys.sessions()
        let frame = try alice.seal(.siftingBases, payload: [1, 2, 3])
        func decode(_ bytes: [UInt8], limits: LinkFrameLimits = .standard) throws -> LinkFrame? {
            var decoder = LinkFrameDecoder(limits: limits)
            decoder.append(bytes)
            return try decoder.nextFrame()
        }
        var version = Array(frame.prefix(5)); version[4] = 2
        #expect(throws: LinkProtocolError.unsupportedVersion(found: 2, supported: [1])) { try decode(version) }
        var type = Array(frame.prefix(6)); type[5] = 0xEE
        #expect(throws: LinkProtocolError.unknownMessageType(0xEE)) { try decode(type) }
        #expect(LinkProtocolError.unknownMessageType(0xEE).description.contains("byte 5: 0xee"))
        // The length is checked from the header alone: no payload has to arrive.
        var length = Array(frame.prefix(LinkFrameLayout.headerBytes))
        length[14...17] = [0, 0, 0x13, 0x88]  // 5000
        let limits = try LinkFrameLimits(maximumFrameBytes: 1024)
        #expect(throws: LinkProtocolError.payloadTooLong(declaredBytes: 5000, maximumBytes: 990)) { try decode(length, limits: limits) }
        length[14...17] = [0xFF, 0xFF, 0xFF, 0xFF]
        #expect(throws: LinkProtocolError.payloadTooLong(declaredBytes: Int(UInt32.max), maximumBytes: LinkFrameLimits.standard.maximumPayloadBytes)) {
            try decode(length)
        }
        #expect(throws: LinkProtocolError.invalidFrameLimit(maximumFrameBytes: 33, allowed: 34...(34 + Int(UInt32.max)))) {
            try LinkFrameLimits(maximumFrameBytes: 33)
        }
    }

    /// A stream that ends inside a frame names the bytes received and expected.
    @Test func truncatedFramesAreReportedAtTheEndOfTheStream() throws {
        var (alice, _) = try LinkTestKeys.sessions()
        let frame = try alice.seal(.privacyAmplificationSeed, payload: [UInt8](repeating: 5, count: 30))
        var decoder = LinkFrameDecoder()
        decoder.append(frame.dropLast())
        #expect(try decoder.nextFrame() == nil)
        #expect(throws: LinkProtocolError.truncatedFrame(receivedBytes: 63, expectedBytes: 64)) { try decoder.endOfStream() }
        var headerOnly = LinkFrameDecoder()
        headerOnly.append(frame.prefix(10))
        #expect(try headerOnly.nextFrame() == nil)
        #expect(throws: LinkProtocolError.truncatedFrame(receivedBytes: 10, expectedBytes: 18)) { try headerOnly.endOfStream() }
    }

    /// Fuzz, seed 1414, 20 000 inputs: random bytes (half behind a valid magic and version),
    /// valid frames with 1–4 random bytes changed, cut short, or joined with garbage. The
    /// decoder and session never crash, and no message comes out of an altered frame.
    @Test func randomAndDamagedInputNeverCrashesOrPasses() throws {
        var generator = Xoshiro256StarStar(seed: 1414)
        var (alice, bob) = try LinkTestKeys.sessions(pads: 4, limits: try LinkFrameLimits(maximumFrameBytes: 4096))
        let valid = try alice.seal(.cascadeParityRequest, payload: LinkTestKeys.secret(bytes: 64, seed: 7))
        var refused = 0
        for iteration in 0..<20_000 {
            var input: [UInt8]
            switch iteration % 4 {
            case 0:
                input = (0..<Int(generator.next(upperBound: 200))).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
                if generator.next() & 1 == 0 { input = LinkFrameLayout.magic + [1] + input }
            case 1:
                input = valid
                for _ in 0...Int(generator.next(upperBound: 4)) {
                    input[Int(generator.next(upperBound: UInt64(input.count)))] ^= UInt8(1 + generator.next(upperBound: 255))
                }
                if input == valid { continue }
            case 2:
                input = Array(valid.prefix(Int(generator.next(upperBound: UInt64(valid.count)))))
            default:
                input = Array(valid.prefix(Int(generator.next(upperBound: UInt64(valid.count))))) + [UInt8(truncatingIfNeeded: generator.next())] + valid
            }
            var receiver = bob
            do {
                let messages = try receiver.messages(from: input)
                try receiver.endOfStream()
                // Only the empty input passes (as no message); anything else must be refused.
                if !input.isEmpty || !messages.isEmpty {
                    Issue.record("iteration \(iteration): \(input.count) bytes accepted as \(messages.count) messages: \(input)")
                }
            } catch {
                refused += 1
            }
        }
        #expect(refused >= 19_000)
        #expect(try bob.messages(from: valid).count == 1)
    }
}
