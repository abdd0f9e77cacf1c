import Foundation
import Hummingbird

/// The control endpoints: validate, start, align, stop. Each reads its body up to the options'
/// limit (413 beyond it) and maps the service's refusals to 409, 422 and 503.
extension ServiceServer {
    /// The file name uploaded experiment text is checked under (it appears in every `CheckError`).
    static let uploadFileName = "upload.experiment.toml"

    func addControlRoutes(to router: Router<BasicRequestContext>) {
        router.post("/api/v1/experiments/validate") { request, _ in
            let text: String
            switch await readText(request) {
            case .success(let body): text = body
            case .failure(let refusal): return refusal.response
            }
            switch service.validate(experimentText: text, fileName: Self.uploadFileName) {
            case .success(let summary): return JSONResponse.make(.ok, ValidExperimentBody(experiment: summary))
            case .failure(let refusal): return JSONResponse.refusal(refusal, validating: true)
            }
        }
        router.post("/api/v1/runs") { request, _ in
            let source: ExperimentSource
            let seed: UInt64?
            if Self.isExperimentText(request.headers[.contentType]) {
                switch await readText(request) {
                case .success(let text): (source, seed) = (.text(text, fileName: Self.uploadFileName), nil)
                case .failure(let refusal): return refusal.response
                }
            } else {
                switch await readJSON(APIv1.StartRequest.self, request, shape: #"{"experiment": NAME, "seed": N}"#) {
                case .success(let start): (source, seed) = (.builtIn(start.experiment), start.seed)
                case .failure(let refusal): return refusal.response
                }
            }
            do throws(ServiceRefusal) {
                return JSONResponse.make(.created, try service.start(source, seed: seed))
            } catch {
                return JSONResponse.refusal(error)
            }
        }
        router.post("/api/v1/alignment") { request, _ in
            let alignment: APIv1.AlignmentRequest
            switch await readJSON(APIv1.AlignmentRequest.self, request, shape: #"{"experiment": NAME, "setting": LABEL or "all", "seed": N}"#) {
            case .success(let body): alignment = body
            case .failure(let refusal): return refusal.response
            }
            do throws(ServiceRefusal) {
                return JSONResponse.make(.created, try service.startAlignment(.builtIn(alignment.experiment), setting: alignment.setting,
                                                                              seed: alignment.seed))
            } catch {
                return JSONResponse.refusal(error)
            }
        }
        router.post("/api/v1/stop") { request, _ in
            // The body is ignored, but still bounded.
            if case .failure(let refusal) = await readBody(request) { return refusal.response }
            do throws(ServiceRefusal) {
                return JSONResponse.make(.accepted, try service.stop())
            } catch {
                return JSONResponse.refusal(error)
            }
        }
    }

    /// An experiment file rather than a JSON start request: `application/toml` or `text/plain`.
    static func isExperimentText(_ contentType: String?) -> Bool {
        guard let contentType else { return false }
        let mediaType = contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        return mediaType == "application/toml" || mediaType == "text/plain"
    }

    /// A request that could not be read, with its answer.
    struct BodyRefusal: Error {
        let response: Response
    }

    /// The whole body, up to the options' limit.
    private func readBody(_ request: Request) async -> Result<ByteBuffer, BodyRefusal> {
        do {
            return .success(try await request.body.collect(upTo: options.maxUploadBytes))
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            return .failure(BodyRefusal(response: JSONResponse.error(
                .contentTooLarge, "the request body is larger than \(options.maxUploadBytes) bytes (--max-upload-bytes)")))
        } catch {
            return .failure(BodyRefusal(response: JSONResponse.error(.badRequest, "the request body could not be read")))
        }
    }

    private func readText(_ request: Request) async -> Result<String, BodyRefusal> {
        await readBody(request).flatMap { buffer in
            guard let text = String(validating: buffer.readableBytesView, as: UTF8.self) else {
                return .failure(BodyRefusal(response: JSONResponse.error(.badRequest, "the experiment text is not UTF-8")))
            }
            return .success(text)
        }
    }

    private func readJSON<Body: Decodable>(_ type: Body.Type, _ request: Request, shape: String) async -> Result<Body, BodyRefusal> {
        await readBody(request).flatMap { buffer in
            guard let body = try? JSONDecoder().decode(Body.self, from: Data(buffer.readableBytesView)) else {
                return .failure(BodyRefusal(response: JSONResponse.error(.badRequest, "the body is not JSON of the shape \(shape)")))
            }
            return .success(body)
        }
    }
}
