import Hummingbird

/// Turns the router's own errors (no such route 404, a body over the limit 413, …) into the
/// `{"error": …}` bodies every other answer has, keeping their status.
struct ErrorBodyMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as any HTTPResponseError {
            let message = switch error.status {
            case .notFound: "no such resource: \(request.method) \(request.uri.path)"
            case .contentTooLarge: "the request body is larger than this service accepts"
            default: error.status.reasonPhrase
            }
            return JSONResponse.error(error.status, message)
        } catch {
            return JSONResponse.error(.internalServerError, "internal error")
        }
    }
}
