#if Service
import Foundation
import Hummingbird
import KeyStore

extension KeyDeliveryServer {
    /// The path parameter of every route: the slave's id for status and enc_keys, the master's for
    /// dec_keys (one name, so the router's tree has one parameter node under /api/v1/keys).
    static let pathSAEParameter = "SAE_ID"

    func addRoutes(to router: Router<KeyDeliveryRequestContext>) {
        let keys = router.group("api/v1/keys/:\(Self.pathSAEParameter)")
        keys.get("status") { _, context in
            await answer(context) { caller, slave in ETSIHTTPResponse.make(await handler.status(caller: caller, slave: slave)) }
        }
        keys.get("enc_keys") { request, context in
            await answer(context) { caller, slave in
                let number: Int?, size: Int?
                switch ETSIQueryParameters.integer("number", in: request) {
                case .success(let value): number = value
                case .failure(let body): return ETSIHTTPResponse.json(.badRequest, body)
                }
                switch ETSIQueryParameters.integer("size", in: request) {
                case .success(let value): size = value
                case .failure(let body): return ETSIHTTPResponse.json(.badRequest, body)
                }
                return ETSIHTTPResponse.make(await handler.encKeys(caller: caller, slave: slave, number: number, size: size))
            }
        }
        keys.post("enc_keys") { request, context in
            await answer(context) { caller, slave in
                switch await decodeBody(ETSIKeyRequest.self, named: "Key request (clause 6.2)", from: request, emptyMeans: ETSIKeyRequest()) {
                case .success(let body): ETSIHTTPResponse.make(await handler.encKeys(caller: caller, slave: slave, request: body))
                case .failure(let refusal): refusal.response
                }
            }
        }
        keys.get("dec_keys") { request, context in
            await answer(context) { caller, master in
                ETSIHTTPResponse.make(await handler.decKeys(caller: caller, master: master, keyIDs: ETSIQueryParameters.keyIDs(in: request)))
            }
        }
        keys.post("dec_keys") { request, context in
            await answer(context) { caller, master in
                switch await decodeBody(ETSIKeyIDs.self, named: "Key IDs (clause 6.4)", from: request, emptyMeans: nil) {
                case .success(let body): ETSIHTTPResponse.make(await handler.decKeys(caller: caller, master: master, keyIDs: body.keyIDs.map(\.keyID)))
                case .failure(let refusal): refusal.response
                }
            }
        }
    }

    /// Runs `route` with the caller's SAE id and the path's SAE id, or answers 401 when the
    /// identity source names no caller.
    private func answer(_ context: KeyDeliveryRequestContext,
                        _ route: (_ caller: String, _ pathSAE: String) async -> Response) async -> Response {
        guard let pathSAE = context.parameters.get(Self.pathSAEParameter) else {
            return ETSIHTTPResponse.error(.notFound, "no SAE id in the path")
        }
        switch await identity.callerSAEID(on: context.channel) {
        case .success(let caller): return await route(caller, pathSAE)
        case .failure(let refusal): return ETSIHTTPResponse.error(.unauthorized, refusal.reason)
        }
    }

    /// A refused body, as the response to send.
    private struct BodyRefusal: Error {
        let response: Response
    }

    /// The JSON body as `Body`, read up to the options' limit (413 beyond it); an empty body is
    /// `emptyMeans` when that is not nil; anything else that does not decode is 400 naming the field.
    private func decodeBody<Body: Decodable>(_ type: Body.Type, named name: String, from request: Request,
                                             emptyMeans: Body?) async -> Result<Body, BodyRefusal> {
        let limit = options.maximumRequestBodyBytes
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limit)
        } catch {
            return .failure(BodyRefusal(response: ETSIHTTPResponse.error(.contentTooLarge, "the request body is larger than \(limit) bytes")))
        }
        if buffer.readableBytes == 0, let emptyMeans { return .success(emptyMeans) }
        do {
            return .success(try JSONDecoder().decode(Body.self, from: Data(buffer.readableBytesView)))
        } catch let error as DecodingError {
            return .failure(BodyRefusal(response: ETSIHTTPResponse.error(.badRequest, "the body is not a \(name): \(Self.explain(error))")))
        } catch {
            return .failure(BodyRefusal(response: ETSIHTTPResponse.error(.badRequest, "the body is not a \(name)")))
        }
    }

    /// A decoding error in a sentence naming the field (never the body itself).
    static func explain(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context):
            let parent = path(context)
            return "field \(parent.isEmpty ? "" : parent + ".")\(key.stringValue) is missing"
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            return "field \(path(context)) is not \(type == Int.self ? "an integer" : type == String.self ? "a string" : "\(type)")"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "not JSON" : "field \(path(context)) is malformed"
        @unknown default:
            return "malformed"
        }
    }
}
#endif
