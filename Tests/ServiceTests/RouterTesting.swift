#if Service
import Foundation
import Hummingbird
import NIOEmbedded
@testable import Service

/// The token the router tests' server expects.
let testToken = "lab-token-0123456789abcdef"

/// The header carrying `token` as a bearer token.
func bearer(_ token: String = testToken) -> HTTPFields {
    var headers = HTTPFields()
    headers[.authorization] = "Bearer \(token)"
    return headers
}

/// A response as the router gave it.
struct RouterResponse: Sendable {
    var status: HTTPResponse.Status
    var headers: HTTPFields
    var body: ByteBuffer
}

/// Sends requests straight to the service's router, without a socket (no HTTP client library in
/// the build: HummingbirdTesting would bring AsyncHTTPClient and BoringSSL into every test build).
struct RouterClient: Sendable {
    let responder: RouterResponder<BasicRequestContext>
    let server: ServiceServer

    /// The router's answer to one request (`Content-Length` set from `body`, as a client sets it).
    func execute(uri: String, method: HTTPRequest.Method, headers: HTTPFields = [:], body: ByteBuffer? = nil) async throws -> RouterResponse {
        var headers = headers
        if let body { headers[.contentLength] = String(body.readableBytes) }
        let request = Request(head: HTTPRequest(method: method, scheme: "http", authority: "localhost", path: uri, headerFields: headers),
                              body: RequestBody(buffer: body ?? ByteBuffer()))
        let context = BasicRequestContext(source: ApplicationRequestContextSource(channel: EmbeddedChannel(),
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

/// Runs `test` against the service's router (no socket) with a fake board service.
func withRouter(openRead: Bool = false, maxUploadBytes: Int = 4096, configure: (FakeBoardService) -> Void = { _ in },
                _ test: @escaping @Sendable (FakeBoardService, RouterClient) async throws -> Void) async throws {
    let service = FakeBoardService()
    configure(service)
    let server = ServiceServer(service: service,
                               options: ServerOptions(host: "127.0.0.1", port: 0, token: testToken, openRead: openRead,
                                                      maxUploadBytes: maxUploadBytes),
                               broadcaster: LiveBroadcaster())
    try await test(service, RouterClient(responder: server.makeRouter().buildResponder(), server: server))
}

/// The `{"error": …}` of a response, nil when the body is not that shape.
func errorMessage(_ response: RouterResponse) -> String? {
    try? JSONDecoder().decode(APIv1.ErrorBody.self, from: Data(buffer: response.body)).error
}

extension ByteBuffer {
    /// A buffer holding `text` as UTF-8.
    static func text(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }
}
#endif
