import Hummingbird

/// Lets a request through when it carries `Authorization: Bearer TOKEN`, or needs no token: the
/// dashboard's files always, read requests (`GET`, `HEAD`) when the service runs with `--open-read`.
/// Everything else gets 401 with `WWW-Authenticate: Bearer`.
struct BearerTokenMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The header value a request must carry, as bytes.
    let expectedAuthorization: [UInt8]
    let openRead: Bool

    init(token: String, openRead: Bool) {
        expectedAuthorization = Array("Bearer \(token)".utf8)
        self.openRead = openRead
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let isRead = request.method == .get || request.method == .head
        if isRead && DashboardFiles.file(at: request.uri.path) != nil {
            return try await next(request, context)
        }
        if isRead && openRead {
            return try await next(request, context)
        }
        guard let offered = request.headers[.authorization],
              Self.constantTimeEqual(Array(offered.utf8), expectedAuthorization) else {
            var response = JSONResponse.error(.unauthorized, "a bearer token is needed: Authorization: Bearer TOKEN (the token file of qdot serve)")
            response.headers[.wwwAuthenticate] = "Bearer"
            return response
        }
        return try await next(request, context)
    }

    /// Whether two byte strings are equal, in a time that depends only on their lengths (never on
    /// where they first differ), so the token cannot be guessed byte by byte from response times.
    static func constantTimeEqual(_ offered: [UInt8], _ expected: [UInt8]) -> Bool {
        var difference: UInt8 = offered.count == expected.count ? 0 : 1
        for index in expected.indices {
            let byte = index < offered.count ? offered[index] : 0
            difference |= byte ^ expected[index]
        }
        return difference == 0
    }
}
