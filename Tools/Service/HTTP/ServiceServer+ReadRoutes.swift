import Hummingbird

/// The read endpoints: status, experiments, runs and their files, metrics.
extension ServiceServer {
    func addReadRoutes(to router: Router<BasicRequestContext>) {
        router.get("/api/v1/status") { _, _ in JSONResponse.make(.ok, service.status()) }
        router.get("/api/v1/experiments") { _, _ in JSONResponse.make(.ok, ExperimentListBody(experiments: service.experiments())) }
        router.get("/api/v1/runs") { _, _ in JSONResponse.make(.ok, RunListBody(runs: service.runs())) }
        router.get("/api/v1/runs/:id") { _, context in
            guard let id = Self.pathName(context, "id"), let run = service.run(id: id) else { return Self.unknownRun() }
            return JSONResponse.make(.ok, run)
        }
        router.get("/api/v1/runs/:id/result") { _, context in
            try await runFile(.result, context: context, contentType: "application/json")
        }
        router.get("/api/v1/runs/:id/record") { _, context in
            try await runFile(.record, context: context, contentType: "application/octet-stream")
        }
        router.get("/api/v1/runs/:id/figures/:name") { _, context in
            guard let name = Self.pathName(context, "name") else { return Self.unknownRun() }
            return try await runFile(.figure(name), context: context, contentType: "image/svg+xml")
        }
        router.get("/metrics") { _, _ in
            let text = PrometheusExposition.text(service.metrics(), liveClients: broadcaster.clientsConnected,
                                                 liveFramesDropped: broadcaster.framesDroppedTotal)
            return JSONResponse.body(.ok, text.utf8, contentType: PrometheusExposition.contentType)
        }
    }

    /// One of a run's files, streamed from the absolute path the service gives (a record can be
    /// gigabytes: it is read in chunks, never whole).
    private func runFile(_ file: RunFile, context: BasicRequestContext, contentType: String) async throws -> Response {
        guard let id = Self.pathName(context, "id"), let path = service.path(of: file, run: id) else { return Self.unknownRun() }
        let body: ResponseBody
        do {
            body = try await FileIO().loadFile(path: path, context: context)
        } catch {
            return JSONResponse.error(.notFound, "run \(id): that file is not there (yet)")
        }
        var headers = HTTPFields()
        headers[.contentType] = contentType
        if file == .record {
            headers[.contentDisposition] = "attachment; filename=\"\(id).qdotrec\""
        }
        return Response(status: .ok, headers: headers, body: body)
    }

    /// A run ID or figure name from the path, or nil when it could not be one: only letters,
    /// digits, `-`, `_` and single dots are ever names here, so `..`, `/` and any percent
    /// escape are turned away before the service is even asked.
    static func pathName(_ context: BasicRequestContext, _ parameter: String) -> String? {
        guard let name = context.parameters.get(parameter), !name.isEmpty, name.count <= 200,
              !name.hasPrefix("."), !name.contains(".."),
              name.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0)) })
        else { return nil }
        return name
    }

    static func unknownRun() -> Response {
        JSONResponse.error(.notFound, "no such run or file")
    }
}
