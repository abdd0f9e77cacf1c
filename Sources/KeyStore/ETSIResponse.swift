/// The answer to an ETSI GS QKD 014 request: the body for 200 OK, or an HTTP status with the
/// standard error body (clause 6.5).
public enum ETSIResponse<Body: Sendable & Equatable>: Sendable, Equatable {
    /// 200 OK with `Body`.
    case success(Body)
    /// 400 Bad request format, 401 Unauthorized or 503 Error of server side, with the error body.
    case failure(httpStatus: Int, body: ETSIErrorBody)
}
