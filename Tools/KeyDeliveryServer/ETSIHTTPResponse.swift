#if Service
import Foundation
import Hummingbird
import KeyStore

/// ETSI answers as HTTP responses: the body as JSON with `Content-Type: application/json`, the
/// status the handler chose, the clause 6.5 error body for every refusal. Nothing here logs.
enum ETSIHTTPResponse {
    /// 200 with `body`, or the handler's status with its error body.
    static func make<Body: Encodable>(_ response: ETSIResponse<Body>) -> Response {
        switch response {
        case .success(let body): json(.ok, body)
        case .failure(let status, let body): json(HTTPResponse.Status(code: status), body)
        }
    }

    /// `status` with the clause 6.5 error body `{"message": …, "details": …}`.
    static func error(_ status: HTTPResponse.Status, _ message: String, details: [[String: String]]? = nil) -> Response {
        json(status, ETSIErrorBody(message: message, details: details))
    }

    /// `value` as JSON; a value that cannot be encoded is a 503 (clause 5: "error of server side").
    static func json(_ status: HTTPResponse.Status, _ value: some Encodable) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(value) else {
            return error(.serviceUnavailable, "the answer could not be written as JSON")
        }
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
#endif
