#if Service
import Foundation
import Synchronization
import Testing
@testable import Service
#if canImport(Glibc)
import Glibc
#endif

/// The one test over a real socket: `serve` on 127.0.0.1 port 0, a raw TCP client reading the live
/// stream while a sampler thread publishes, then a graceful shutdown. Bounded in time throughout.
struct LiveSocketTests {
    /// A blocking TCP client on 127.0.0.1 with a receive timeout.
    final class LoopbackClient {
        let socketDescriptor: Int32

        init(port: Int) throws {
            socketDescriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard socketDescriptor >= 0 else { throw POSIXError(.EIO) }
            var timeout = timeval(tv_sec: 1, tv_usec: 0)
            setsockopt(socketDescriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socketDescriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard connected == 0 else { close(socketDescriptor); throw POSIXError(.ECONNREFUSED) }
        }

        deinit { close(socketDescriptor) }

        /// Hangs up both directions, as a browser tab that closes.
        func hangUp() { _ = shutdown(socketDescriptor, Int32(SHUT_RDWR)) }

        func send(_ text: String) {
            let bytes = Array(text.utf8)
            _ = bytes.withUnsafeBytes { Glibc.send(socketDescriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        }

        /// Reads until `done` holds for what was read or `deadline` passes.
        func read(until deadline: ContinuousClock.Instant, done: (String) -> Bool) -> String {
            var received: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 4096)
            while ContinuousClock.now < deadline {
                let count = chunk.withUnsafeMutableBytes { recv(socketDescriptor, $0.baseAddress, $0.count, 0) }
                if count == 0 { break }
                if count > 0 {
                    received += chunk[0..<count]
                    if done(String(decoding: received, as: UTF8.self)) { break }
                }
            }
            return String(decoding: received, as: UTF8.self)
        }
    }

    /// Two frames arrive; when frames stop, keep-alive comments do; a client that leaves is
    /// forgotten; a client still connected at shutdown has its stream ended so `serve` returns.
    // Generous bounds: the stream's tasks share the cooperative pool with the whole test run, which
    // under ThreadSanitizer on two cores can leave them waiting for tens of seconds.
    @Test(.timeLimit(.minutes(4)))
    func twoFramesThenKeepAlivesArriveOverTheLiveStreamOnAPortTheSystemChose() async throws {
        let service = FakeBoardService()
        let broadcaster = LiveBroadcaster()
        var server = ServiceServer(service: service, options: ServerOptions(host: "127.0.0.1", port: 0, token: testToken),
                                   broadcaster: broadcaster)
        server.keepAliveInterval = .milliseconds(500)
        let (listening, listened) = AsyncStream.makeStream(of: Int.self)
        let (shutdownRequests, requestShutdown) = AsyncStream.makeStream(of: Void.self)
        let serving = Task {
            try await server.serve(onListening: { _, port in listened.yield(port) },
                                   until: { for await _ in shutdownRequests {} })
        }
        var ports = listening.makeAsyncIterator()
        let port = try #require(await ports.next())
        #expect(port > 0)

        // The sampler: its own thread, ten frames a second, as RunSupervisor's.
        let sampling = Atomic<Bool>(true)
        let sampler = Thread { [service] in
            defer { sampling.store(false, ordering: .relaxed) }
            var sequence = 0
            while sampling.load(ordering: .relaxed) {
                sequence += 1
                service.sample(.numbered(sequence))
                usleep(100_000)
            }
        }
        sampler.start()
        defer { sampling.store(false, ordering: .relaxed) }

        let request = "GET /api/v1/live HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(testToken)\r\n\r\n"
        let leaving = try LoopbackClient(port: port)
        leaving.send(request)
        let client = try LoopbackClient(port: port)
        client.send(request)
        let text = client.read(until: .now + .seconds(60)) { $0.components(separatedBy: "event: frame\ndata: ").count > 2 }

        let head = text.components(separatedBy: "\r\n\r\n").first ?? ""
        #expect(head.hasPrefix("HTTP/1.1 200"))
        #expect(head.lowercased().contains("content-type: text/event-stream"))
        #expect(head.lowercased().contains("cache-control: no-cache"))
        let frames = text.split(separator: "\n").filter { $0.hasPrefix("data: ") }.compactMap {
            try? JSONDecoder().decode(APIv1.Frame.self, from: Data($0.dropFirst("data: ".count).utf8))
        }
        #expect(frames.count >= 2, "read: \(text)")
        if frames.count >= 2 { #expect(frames[1].sequence > frames[0].sequence) }
        #expect(broadcaster.clientsConnected == 2)

        // Frames stop: the stream carries keep-alive comments instead.
        sampling.store(false, ordering: .relaxed)
        let quiet = client.read(until: .now + .seconds(60)) { $0.contains(": keep-alive\n\n") }
        #expect(quiet.contains(": keep-alive\n\n"), "read after the frames stopped: \(quiet)")

        // A client that closes its connection is dropped at the next write.
        leaving.hangUp()
        let gone = ContinuousClock.now + .seconds(30)
        while broadcaster.clientsConnected > 1 && ContinuousClock.now < gone { try await Task.sleep(for: .milliseconds(50)) }
        #expect(broadcaster.clientsConnected == 1)

        let stopAsked = ContinuousClock.now
        requestShutdown.finish()
        try await serving.value
        #expect(ContinuousClock.now - stopAsked < .seconds(60), "serve returned only after \(ContinuousClock.now - stopAsked)")
        #expect(broadcaster.clientsConnected == 0, "the open live stream was ended by the shutdown")
    }
}
#endif
