import LinkProtocol
import LinkTransport
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import SeededRandom

/// Fixtures shared by the transport tests: keyed sessions, fast timeouts, a log to inspect.
enum LinkTestSupport {
    /// A pre-shared secret from xoshiro256** (seed given), two hash keys and `padsPerDirection` pads each way.
    static func secret(seed: UInt64, padsPerDirection: Int = 8_192) -> [UInt8] {
        var generator = Xoshiro256StarStar(seed: seed)
        return (0..<(32 + 2 * 16 * padsPerDirection)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
    }

    static func sessions(seed: UInt64) throws -> (alice: LinkSession, bob: LinkSession) {
        let secret = secret(seed: seed)
        return (try LinkSession(preSharedSecret: secret, role: .alice), try LinkSession(preSharedSecret: secret, role: .bob))
    }

    /// Loopback timings for tests: 0.3 s keepalive, 20–400 ms backoff, and connect and idle
    /// timeouts long enough (15 s, 30 s) that a loaded machine — the whole suite in parallel, a
    /// sanitizer run — never trips them by accident; the tests of those timeouts pass short ones.
    static func configuration(port: Int, sendTimeout: Duration = .seconds(10), capacity: Int = 64,
                              idleTimeout: Duration = .seconds(30), connectTimeout: Duration = .seconds(15)) -> LinkTransportConfiguration {
        LinkTransportConfiguration(host: "127.0.0.1", port: port, sendQueueCapacityMessages: capacity,
                                   receiveQueueCapacityMessages: capacity, sendTimeout: sendTimeout,
                                   idleTimeout: idleTimeout, keepaliveInterval: .milliseconds(300),
                                   connectTimeout: connectTimeout,
                                   reconnectBackoff: LinkReconnectBackoff(initialDelay: .milliseconds(20), maximumDelay: .milliseconds(400)))
    }

    /// Message `index`'s payload: its index (4 bytes) then 0–199 seeded bytes.
    static func payload(_ index: Int, seed: UInt64) -> [UInt8] {
        var generator = Xoshiro256StarStar(seed: seed).derived(stream: UInt64(index))
        let length = Int(generator.next(upperBound: 200))
        return (0..<4).map { UInt8(truncatingIfNeeded: index >> (24 - 8 * $0)) } + (0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
    }

    /// Waits until `condition` holds, polling every 10 ms, at most `timeout`; returns whether it held.
    static func eventually(within timeout: Duration = .seconds(60), _ condition: () async -> Bool) async -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while clock.now < deadline {
            if await condition() { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return await condition()
    }

    /// Takes `count` messages from `transport`, or fewer if `timeout` passes first (then closes the transport).
    static func receive(_ count: Int, from transport: LinkTransport, within timeout: Duration = .seconds(60)) async -> [LinkMessage] {
        guard count > 0 else { return [] }
        let watchdog = Task {
            try await Task.sleep(for: timeout)
            await transport.close()
        }
        defer { watchdog.cancel() }
        var received: [LinkMessage] = []
        for await message in transport.messages {
            received.append(message)
            if received.count == count { break }
        }
        return received
    }
}

/// The events a transport logged, for the tests to look at.
final class EventLog: Sendable {
    private let events = NIOLockedValueBox<[LinkTransportEvent]>([])
    var log: LinkTransportLog { { event in self.events.withLockedValue { $0.append(event) } } }
    var all: [LinkTransportEvent] { events.withLockedValue { $0 } }
    func contains(_ predicate: (LinkTransportEvent) -> Bool) -> Bool { all.contains(where: predicate) }
}

/// A raw TCP peer for bad-input tests: sends bytes, reads nothing, reports when the other side closes.
struct RawPeer {
    let channel: any Channel

    static func connect(port: Int) async throws -> RawPeer {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port).get()
        return RawPeer(channel: channel)
    }

    func send(_ bytes: [UInt8]) async throws {
        try await channel.writeAndFlush(ByteBuffer(bytes: bytes)).get()
    }

    /// Whether the other side closed the connection within `timeout`.
    func closedByPeer(within timeout: Duration) async -> Bool {
        await LinkTestSupport.eventually(within: timeout) { !channel.isActive }
    }
}

extension LinkTransportEvent {
    /// The peer named in a connection event (so a test can compare the rest of the event).
    var peerForTest: String {
        switch self {
        case .connected(let peer), .refusedSecondConnection(let peer), .frameRejected(let peer, _),
             .protocolViolation(let peer, _), .idleTimeout(let peer, _), .disconnected(let peer): peer
        default: ""
        }
    }
}
