import LinkProtocol
import LinkTransport
import Testing

/// The pieces with closed forms: backoff, the acknowledgement's bytes, what is refused up front.
struct LinkTransportSettingsTests {
    /// delay(n) = min(d₀ · 2ⁿ, d_max): 100, 200, 400, … ms capped at 10 s from n = 7 (12.8 s > 10 s).
    @Test func backoffDoublesUpToItsCap() {
        let backoff = LinkReconnectBackoff.standard
        for failures in 0..<70 {
            let closedForm = failures >= 7 ? Duration.seconds(10) : .milliseconds(100 * (1 << failures))
            #expect(backoff.delay(afterFailures: failures) == closedForm, "n = \(failures)")
        }
    }

    @Test func acknowledgementIsEightBigEndianBytes() throws {
        let acknowledgement = LinkAcknowledgement(nextExpected: 0x0102_0304_0506_0708)
        #expect(acknowledgement.payload == [1, 2, 3, 4, 5, 6, 7, 8])
        #expect(try LinkAcknowledgement(payload: acknowledgement.payload) == acknowledgement)
        #expect(throws: LinkProtocolError.malformedPayload(messageType: 0x03, reason: "acknowledgement is 7 bytes, expected 8")) {
            try LinkAcknowledgement(payload: [1, 2, 3, 4, 5, 6, 7])
        }
    }

    @Test func badConfigurationsNameTheirField() {
        var configuration = LinkTransportConfiguration(host: "127.0.0.1", port: 70_000)
        #expect(throws: LinkTransportError.invalidConfiguration(field: "port", value: "70000", requirement: "0…65535")) { try configuration.validate() }
        configuration.port = 0
        configuration.sendQueueCapacityMessages = 0
        #expect(throws: LinkTransportError.invalidConfiguration(field: "sendQueueCapacityMessages", value: "0", requirement: "at least 1")) {
            try configuration.validate()
        }
        configuration.sendQueueCapacityMessages = 1
        configuration.keepaliveInterval = .seconds(20)
        #expect(throws: LinkTransportError.invalidConfiguration(field: "keepaliveInterval", value: "20.0 seconds",
                                                                requirement: "above zero and below idleTimeout (15.0 seconds)")) {
            try configuration.validate()
        }
        configuration.keepaliveInterval = .seconds(5)
        configuration.reconnectBackoff = LinkReconnectBackoff(initialDelay: .seconds(2), maximumDelay: .seconds(1))
        #expect(throws: LinkTransportError.invalidConfiguration(field: "reconnectBackoff.maximumDelay", value: "1.0 seconds",
                                                                requirement: "at least initialDelay (2.0 seconds)")) {
            try configuration.validate()
        }
    }

    @Test func refusedBeforeAnythingIsSent() async throws {
        let (alice, bob) = try LinkTestSupport.sessions(seed: 41)
        await #expect(throws: LinkTransportError.wrongRole(.alice, expected: .bob)) {
            try await LinkTransport.listen(session: alice, configuration: LinkTestSupport.configuration(port: 0), log: { _ in })
        }
        #expect(throws: LinkTransportError.wrongRole(.bob, expected: .alice)) {
            try LinkTransport.connect(session: bob, configuration: LinkTestSupport.configuration(port: 1), log: { _ in })
        }
        // Nothing listens on the port: Alice only retries; the calls below are refused locally.
        let transport = try LinkTransport.connect(session: alice, configuration: LinkTestSupport.configuration(port: 1), log: { _ in })
        await #expect(throws: LinkTransportError.reservedMessageType(.linkAcknowledgement)) {
            try await transport.send(.linkAcknowledgement, payload: [0])
        }
        let tooLong = [UInt8](repeating: 0, count: transport.maximumPayloadBytes + 1)
        await #expect(throws: LinkTransportError.payloadTooLong(bytes: tooLong.count, maximumBytes: transport.maximumPayloadBytes)) {
            try await transport.send(.siftingBases, payload: tooLong)
        }
        await transport.close()
    }
}
