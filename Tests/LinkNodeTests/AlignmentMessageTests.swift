import LinkNode
import LinkProtocol
import Physics
import Testing

/// The alignment messages' bytes: round trips, and every malformed payload refused with the field.
@Suite struct AlignmentMessageTests {
    static let window = AlignmentWindow(start: 1_000, length: 500)
    static let detections = [
        LinkDetection(cycle: 1_000, analyzer: .horizontalVertical, output: .plus),
        LinkDetection(cycle: 1_001, analyzer: .diagonalAntidiagonal, output: .minus),
        LinkDetection(cycle: 1_350, analyzer: .horizontalVertical, output: .minus),
        LinkDetection(cycle: 1_499, analyzer: .diagonalAntidiagonal, output: .plus),
    ]

    @Test func aRequestAndADisclosureRoundTrip() throws {
        let request = AlignmentRequest(agreementDigest: 0xDEAD_BEEF_0123_4567, window: Self.window)
        #expect(request.encode().count == 24)
        #expect(try AlignmentRequest(decoding: request.encode()) == request)
        let disclosure = AlignmentDisclosure(agreementDigest: 42, windows: [
            .init(window: Self.window, detections: Self.detections),
            .init(window: AlignmentWindow(start: 9_000, length: 10), detections: []),
        ])
        let bytes = disclosure.encode()
        // 8 digest + 1 count + 2 × 20 window headers + 4 varints: gaps 0, 0, 348, 148 (the last two need 2 bytes).
        #expect(bytes.count == 8 + 1 + 40 + 1 + 1 + 2 + 2)
        #expect(try AlignmentDisclosure(decoding: bytes) == disclosure)
    }

    @Test func malformedPayloadsAreRefusedWithTheField() throws {
        let good = AlignmentDisclosure(agreementDigest: 7, windows: [.init(window: Self.window, detections: Self.detections)]).encode()
        func refusal(_ bytes: [UInt8]) -> String {
            do { _ = try AlignmentDisclosure(decoding: bytes); return "accepted" } catch { return "\(error)" }
        }
        #expect(refusal(Array(good.dropLast())).contains("ends early"))
        #expect(refusal(good + [0]).contains("bytes after the last field"))
        var noWindows = good
        noWindows[8] = 0
        #expect(refusal(noWindows).contains("window count 0"))
        // The last detection's gap pushed past the window's end.
        var past = good
        past[past.count - 2] = 0xFF
        past[past.count - 1] = 0x7F
        #expect(refusal(past).contains("past the window's end"))
        // More detections than cycles.
        let crowded = AlignmentDisclosure(agreementDigest: 7, windows: [.init(window: AlignmentWindow(start: 0, length: 2), detections: [])]).encode()
        var count = crowded
        count[count.count - 1] = 3
        #expect(refusal(count).contains("3 detections in 2 cycles"))
        #expect(throws: LinkProtocolError.self) { try AlignmentRequest(decoding: Array(repeating: 0, count: 23)) }
        var zeroLength = AlignmentRequest(agreementDigest: 1, window: Self.window).encode()
        for index in 16..<24 { zeroLength[index] = 0 }
        #expect(throws: LinkProtocolError.self) { try AlignmentRequest(decoding: zeroLength) }
    }
}
