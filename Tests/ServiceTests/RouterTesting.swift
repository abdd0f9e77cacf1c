#if Service
import Foundation
import Hummingbird
import HummingbirdTesting
@testable import Service

/// The token the router tests' server expects.
let testToken = "lab-token-0123456789abcdef"

/// The header carrying `token` as a bearer token.
func bearer(_ token: String = testToken) -> HTTPFields {
    var headers = HTTPFields()
    headers[.authorization] = "Bearer \(token)"
    return headers
}

/// Runs `test` against the service's router (no socket) with a fake board service.
func withRouter(openRead: Bool = false, maxUploadBytes: Int = 4096, configure: (FakeBoardService) -> Void = { _ in },
                _ test: @escaping @Sendable (FakeBoardService, any TestClientProtocol) async throws -> Void) async throws {
    let service = FakeBoardService()
    configure(service)
    let server = ServiceServer(service: service,
                               options: ServerOptions(host: "127.0.0.1", port: 0, token: testToken, openRead: openRead,
                                                      maxUploadBytes: maxUploadBytes),
                               broadcaster: LiveBroadcaster())
    try await server.makeApplication().test(.router) { client in try await test(service, client) }
}

/// The `{"error": …}` of a response, nil when the body is not that shape.
func errorMessage(_ response: TestResponse) -> String? {
    try? JSONDecoder().decode(APIv1.ErrorBody.self, from: Data(buffer: response.body)).error
}

extension ByteBuffer {
    /// A buffer holding `text` as UTF-8.
    static func text(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }
}
#endif
