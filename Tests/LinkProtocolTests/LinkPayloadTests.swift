import LinkProtocol
import Testing

/// The hello and abort payloads the link itself reads.
@Suite struct LinkPayloadTests {
    /// The highest version both list wins; none in common gives nil.
    @Test func helloNegotiatesTheHighestCommonVersion() throws {
        let ours = LinkHello(supportedVersions: [1, 2, 3]), theirs = LinkHello(supportedVersions: [2, 3, 4])
        #expect(ours.negotiatedVersion(with: theirs) == 3)
        #expect(LinkHello(supportedVersions: [1]).negotiatedVersion(with: LinkHello(supportedVersions: [2])) == nil)
        #expect(try LinkHello(payload: ours.payload) == ours)
        #expect(ours.payload == [3, 1, 2, 3])
    }

    /// A hello whose count disagrees with its bytes is refused, saying so.
    @Test func malformedHellosAreRefused() {
        #expect(throws: LinkProtocolError.malformedPayload(messageType: 1, reason: "empty, expected a version count")) { try LinkHello(payload: []) }
        #expect(throws: LinkProtocolError.malformedPayload(messageType: 1, reason: "version count is 0")) { try LinkHello(payload: [0]) }
        #expect(throws: LinkProtocolError.malformedPayload(messageType: 1, reason: "version count 2 but 1 version bytes follow")) {
            try LinkHello(payload: [2, 1])
        }
    }

    /// An abort round-trips its reason and detail; an unknown reason or bad UTF-8 is refused.
    @Test func abortCarriesItsReason() throws {
        let abort = LinkAbort(reason: .quantumBitErrorRateAboveThreshold, detail: "QBER 0.134 ± 0.004 above 0.11")
        #expect(try LinkAbort(payload: abort.payload) == abort)
        #expect(throws: LinkProtocolError.malformedPayload(messageType: 2, reason: "unknown abort reason 200")) { try LinkAbort(payload: [200]) }
        #expect(throws: LinkProtocolError.malformedPayload(messageType: 2, reason: "detail is not valid UTF-8")) { try LinkAbort(payload: [1, 0xFF]) }
        #expect(throws: LinkProtocolError.malformedPayload(messageType: 2, reason: "empty, expected a reason byte")) { try LinkAbort(payload: []) }
    }

    /// The wire values are a format: a renumbered type would misread a peer's frames. This table
    /// is the registry as docs/link-channel.md publishes it.
    @Test func messageTypeValuesAreThePublishedOnes() {
        let published: [LinkMessageType: UInt8] = [
            .hello: 0x01, .abort: 0x02, .linkAcknowledgement: 0x03, .siftingBases: 0x10, .alignmentRequest: 0x11, .alignmentDisclosure: 0x12, .parameterEstimationSample: 0x20, .cascadeParityRequest: 0x30,
            .cascadeParityReply: 0x31, .cascadeSetup: 0x32, .verificationTag: 0x40, .privacyAmplificationSeed: 0x50, .keyConfirmation: 0x60,
            .keyConfirmationAcknowledgement: 0x61, .blockStatusQuery: 0x62, .blockStatusReply: 0x63, .keyDeliveryReservation: 0x70,
        ]
        #expect(published.count == LinkMessageType.allCases.count)
        for type in LinkMessageType.allCases { #expect(published[type] == type.rawValue, "\(type)") }
    }

    /// The session's ε over N frames is N times the per-frame bound of the largest frame.
    @Test func authenticationFailureBoundGrowsWithTheFrames() throws {
        let perFrame = PolynomialHash.forgeryProbabilityBound(messageBytes: (4 << 20) - 16)
        #expect(LinkSession.authenticationFailureBound(frames: 1) == perFrame)
        #expect(LinkSession.authenticationFailureBound(frames: 1_000_000) == 1_000_000 * perFrame)
        let small = try LinkFrameLimits(maximumFrameBytes: 1024)
        // 1008 hashed bytes: 68 coefficients.
        #expect(LinkSession.authenticationFailureBound(frames: 1, limits: small) == 68 * 0x1p-127 / (1 - 0x1p-127) + 0x1p-126)
    }
}
