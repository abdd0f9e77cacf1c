import Foundation
import Hummingbird

/// Responses with a JSON body, and the refusals of the board service mapped to their statuses.
enum JSONResponse {
    /// `value` as JSON with `status`; a value that cannot be encoded (a NaN) is a 500.
    static func make(_ status: HTTPResponse.Status, _ value: some Encodable) -> Response {
        guard let data = try? JSONEncoder().encode(value) else {
            return error(.internalServerError, "the answer could not be written as JSON")
        }
        return body(status, data, contentType: "application/json")
    }

    /// `{"error": message}` with `status`.
    static func error(_ status: HTTPResponse.Status, _ message: String) -> Response {
        let data = (try? JSONEncoder().encode(APIv1.ErrorBody(error: message))) ?? Data(#"{"error":"?"}"#.utf8)
        return body(status, data, contentType: "application/json")
    }

    /// The status and body docs/service.md gives each refusal. `validating` adds `"valid": false`
    /// to the 422 body (the validate endpoint's shape).
    static func refusal(_ refusal: ServiceRefusal, validating: Bool = false) -> Response {
        switch refusal {
        case .busy(let run):
            return error(.conflict, "a run is in progress: \(run.id); stop it first (POST /api/v1/stop)")
        case .notRunning:
            return error(.conflict, "no run is in progress")
        case .invalid(let errors):
            return make(.unprocessableContent, CheckErrorsBody(valid: validating ? false : nil, errors: errors))
        case .unavailable(let reason):
            return error(.serviceUnavailable, reason)
        }
    }

    static func body(_ status: HTTPResponse.Status, _ data: some Sequence<UInt8>, contentType: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// `{"errors": [CheckError]}`, with `"valid": false` on the validate endpoint.
struct CheckErrorsBody: Encodable {
    var valid: Bool?
    var errors: [APIv1.CheckError]
}

/// `{"valid": true, "experiment": ExperimentSummary}`.
struct ValidExperimentBody: Encodable {
    var valid = true
    var experiment: APIv1.ExperimentSummary
}

/// `{"experiments": [ExperimentSummary]}`.
struct ExperimentListBody: Encodable {
    var experiments: [APIv1.ExperimentSummary]
}

/// `{"runs": [RunEntry]}`.
struct RunListBody: Encodable {
    var runs: [APIv1.RunEntry]
}
