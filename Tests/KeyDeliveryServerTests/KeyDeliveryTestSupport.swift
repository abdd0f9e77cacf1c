#if Service
import Foundation
import Hummingbird
import KeyDeliveryServer
import KeyStore
import NIOCore
import NIOEmbedded
import SeededRandom

/// A response as the router gave it.
struct RouterResponse: Sendable {
    var status: HTTPResponse.Status
    var headers: HTTPFields
    var body: ByteBuffer

    /// The body decoded as `type`, nil when it is not that JSON.
    func decoded<T: Decodable>(_ type: T.Type) -> T? { try? JSONDecoder().decode(type, from: Data(body.readableBytesView)) }
    /// The clause 6.5 error body, nil when the body is not one.
    var errorBody: ETSIErrorBody? { decoded(ETSIErrorBody.self) }
}

/// Sends requests straight to a key delivery router, without a socket (as Tests/ServiceTests do).
struct RouterClient: Sendable {
    let server: KeyDeliveryServer
    let responder: RouterResponder<KeyDeliveryRequestContext>

    init(server: KeyDeliveryServer) {
        self.server = server
        responder = server.makeRouter().buildResponder()
    }

    /// The router's answer to one request (`Content-Length` set from `body`, as a client sets it).
    func execute(_ method: HTTPRequest.Method, _ uri: String, headers: HTTPFields = [:], body: String? = nil) async throws -> RouterResponse {
        var headers = headers
        let buffer = body.map { ByteBuffer(string: $0) }
        if let buffer { headers[.contentLength] = String(buffer.readableBytes) }
        let request = Request(head: HTTPRequest(method: method, scheme: "http", authority: "localhost", path: uri, headerFields: headers),
                              body: RequestBody(buffer: buffer ?? ByteBuffer()))
        let context = KeyDeliveryRequestContext(source: ApplicationRequestContextSource(channel: EmbeddedChannel(),
                                                                                        logger: server.makeApplication().logger))
        let response: Response
        do {
            response = try await responder.respond(to: request, context: context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        let writer = CollectingWriter()
        try await response.body.write(writer)
        return RouterResponse(status: response.status, headers: response.headers, body: writer.collected.buffer)
    }

    /// Collects a response body.
    struct CollectingWriter: ResponseBodyWriter {
        final class Box: @unchecked Sendable { var buffer = ByteBuffer() }
        let collected = Box()
        mutating func write(_ buffer: ByteBuffer) async throws {
            var buffer = buffer
            collected.buffer.writeBuffer(&buffer)
        }
        consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
    }
}

/// Two KMEs of one link (Alice's serves enc_keys, Bob's dec_keys) over two folders holding the same
/// seeded keys, as the handler's own tests build them; pairs Alice→Bob and Carol→Dave.
struct TwoKMELink {
    static let pairs = [SAEPair(master: "SAE-Alice", slave: "SAE-Bob"), SAEPair(master: "SAE-Carol", slave: "SAE-Dave")]
    let alice: ETSIKeyDeliveryHandler
    let bob: ETSIKeyDeliveryHandler
    /// The deposited keys' bytes (seed 14).
    let material: [[UInt8]]
    private let folders: [String]

    init(keys: Int = 6, keyBits: Int = 256, maximumKeysPerRequest: Int = 4) async throws {
        var generator = Xoshiro256StarStar(seed: 14)
        material = (0..<keys).map { _ in (0..<(keyBits / 8)).map { _ in UInt8(truncatingIfNeeded: generator.next()) } }
        folders = (0..<2).map { _ in FileManager.default.temporaryDirectory.appendingPathComponent("qdot-kme-\(UUID().uuidString)").path }
        var handlers: [ETSIKeyDeliveryHandler] = []
        for (folder, names) in zip(folders, [("KME-Alice", "KME-Bob"), ("KME-Bob", "KME-Alice")]) {
            let store = try KeyStore(directory: folder, keySizeBits: keyBits)
            try await store.deposit(blockID: 42, keys: material.map { KeyMaterial(bytes: $0) })
            handlers.append(ETSIKeyDeliveryHandler(store: store, configuration: KeyDeliveryConfiguration(
                localKMEID: names.0, peerKMEID: names.1, saePairs: Self.pairs, maximumKeyCount: 1000,
                maximumKeysPerRequest: maximumKeysPerRequest)))
        }
        alice = handlers[0]
        bob = handlers[1]
    }

    /// A client of `handler`'s router for which every request comes from `caller`.
    func client(_ handler: ETSIKeyDeliveryHandler, caller: String, maximumRequestBodyBytes: Int = 65_536) -> RouterClient {
        RouterClient(server: KeyDeliveryServer(handler: handler, identity: FixedSAEIdentity(saeID: caller),
                                               options: KeyDeliveryServerOptions(port: 0, maximumRequestBodyBytes: maximumRequestBodyBytes)))
    }

    /// Removes both folders.
    func remove() { folders.forEach { try? FileManager.default.removeItem(atPath: $0) } }
}
#endif
