#if Service
import Hummingbird
import KeyStore

/// The query parameters of the GET forms: `number` and `size` of "Get key" (clause 5.3) and
/// `key_ID` of "Get key with key IDs" (clause 5.4). Malformed values are refused here with the
/// clause 6.5 error body naming the parameter; range checks are the handler's.
enum ETSIQueryParameters {
    /// The optional integer parameter `name`: nil when absent, a 400 body when it is given twice
    /// or is not a decimal integer that fits 64 bits.
    static func integer(_ name: String, in request: Request) -> Result<Int?, ETSIErrorBody> {
        let values = request.uri.queryParameters.getAll(name)
        guard values.count <= 1 else {
            return .failure(ETSIErrorBody(message: "query parameter \(name) given \(values.count) times", details: [[name: values.joined(separator: ",")]]))
        }
        guard let text = values.first else { return .success(nil) }
        guard let value = Int(text) else {
            return .failure(ETSIErrorBody(message: "query parameter \(name)=\(text) is not an integer", details: [[name: text]]))
        }
        return .success(value)
    }

    /// The `key_ID` values, in order (the handler refuses none, repeats and malformed ids).
    static func keyIDs(in request: Request) -> [String] {
        request.uri.queryParameters.getAll("key_ID")
    }
}
#endif
