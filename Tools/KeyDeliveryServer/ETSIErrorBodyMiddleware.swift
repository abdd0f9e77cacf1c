#if Service
import Hummingbird

/// Gives the router's own refusals (no such route 404, a wrong method, a body over the limit 413)
/// the clause 6.5 error body every other answer has, keeping their status. Logs nothing: no
/// request or response body ever reaches a logger here.
struct ETSIErrorBodyMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as any HTTPResponseError {
            let message = switch error.status {
            case .notFound: "no such resource: \(request.method) \(request.uri.path) (ETSI GS QKD 014 V1.1.1 clause 5)"
            case .methodNotAllowed: "\(request.method) is not allowed on \(request.uri.path)"
            case .contentTooLarge: "the request body is larger than this KME accepts"
            default: error.status.reasonPhrase
            }
            return ETSIHTTPResponse.error(error.status, message)
        } catch {
            return ETSIHTTPResponse.error(.serviceUnavailable, "internal error of the KME")
        }
    }
}
#endif
