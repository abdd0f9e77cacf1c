#if Service
import Foundation
import Hummingbird
import Testing
@testable import Service

/// Start, align, stop and validate: what reaches the service and what each refusal becomes.
struct ControlRouteTests {
    static let checkErrors = [
        APIv1.CheckError(file: "upload.experiment.toml", line: 12, field: "timing.trigger-period-ns",
                         message: "expected 1 … 1 000 000 000 ns, found 0",
                         text: "upload.experiment.toml:12: timing.trigger-period-ns: expected 1 … 1 000 000 000 ns, found 0"),
    ]

    struct Errors: Decodable { var valid: Bool?; var errors: [APIv1.CheckError] }
    struct Valid: Decodable { var valid: Bool; var experiment: APIv1.ExperimentSummary }

    @Test func aJSONStartNamesTheBuiltInAndTheSeedAndAnswers201WithTheRun() async throws {
        try await withRouter { service, client in
            let response = try await client.execute(uri: "/api/v1/runs", method: .post, headers: bearer(),
                                                    body: .text(#"{"experiment":"bell-chsh","seed":7}"#))
            #expect(response.status == .created)
            let run = try JSONDecoder().decode(APIv1.RunEntry.self, from: Data(buffer: response.body))
            #expect(run.id == "20261203-221502-bell-chsh")
            #expect(service.calls == [#"start builtIn("bell-chsh") seed 7"#])
        }
    }

    @Test(arguments: ["application/toml", "text/plain; charset=utf-8"])
    func anExperimentFileStartsARunFromItsTextUnderTheUploadName(contentType: String) async throws {
        try await withRouter { service, client in
            var headers = bearer()
            headers[.contentType] = contentType
            let text = "[experiment]\nkind = \"g2\"\n"
            let response = try await client.execute(uri: "/api/v1/runs", method: .post, headers: headers, body: .text(text))
            #expect(response.status == .created)
            #expect(service.calls == ["start \(ExperimentSource.text(text, fileName: "upload.experiment.toml")) seed nil"])
        }
    }

    @Test(arguments: ["not json", #"{"experiment": 3}"#, #"{"seed": 7}"#, #"{"experiment":"bell-chsh","seed":-1}"#, ""])
    func aMalformedStartBodyIs400(body: String) async throws {
        try await withRouter { service, client in
            let response = try await client.execute(uri: "/api/v1/runs", method: .post, headers: bearer(), body: .text(body))
            #expect(response.status == .badRequest)
            #expect(errorMessage(response)?.contains("experiment") == true)
            #expect(service.calls.isEmpty)
        }
    }

    @Test func aStartWhileARunIsInProgressIs409() async throws {
        try await withRouter(configure: { $0.configure { $0.startRefusal = .busy(FakeBoardService.entry("20261203-220000-g2")) } }) { _, client in
            let response = try await client.execute(uri: "/api/v1/runs", method: .post, headers: bearer(), body: .text(#"{"experiment":"g2"}"#))
            #expect(response.status == .conflict)
            #expect(errorMessage(response)?.contains("20261203-220000-g2") == true)
        }
    }

    @Test func stopWhenNothingRunsIs409AndAStopIs202WithTheRun() async throws {
        try await withRouter { service, client in
            let stopping = try await client.execute(uri: "/api/v1/stop", method: .post, headers: bearer())
            #expect(stopping.status == .accepted)
            #expect(try JSONDecoder().decode(APIv1.RunEntry.self, from: Data(buffer: stopping.body)).state == .stopping)
            service.configure { $0.stopRefusal = .notRunning }
            let refused = try await client.execute(uri: "/api/v1/stop", method: .post, headers: bearer())
            #expect(refused.status == .conflict)
            #expect(errorMessage(refused) != nil)
        }
    }

    @Test func anExperimentTheCheckRefusesIs422WithItsErrors() async throws {
        try await withRouter(configure: { $0.configure { $0.startRefusal = .invalid(Self.checkErrors) } }) { _, client in
            let response = try await client.execute(uri: "/api/v1/runs", method: .post, headers: bearer(), body: .text(#"{"experiment":"nope"}"#))
            #expect(response.status == .unprocessableContent)
            let body = try JSONDecoder().decode(Errors.self, from: Data(buffer: response.body))
            #expect(body.errors == Self.checkErrors)
            #expect(body.valid == nil)
        }
    }

    @Test func validateAnswers200ForAGoodFileAnd422WithValidFalseForABadOne() async throws {
        try await withRouter { service, client in
            let good = try await client.execute(uri: "/api/v1/experiments/validate", method: .post, headers: bearer(), body: .text("[experiment]\n"))
            #expect(good.status == .ok)
            let valid = try JSONDecoder().decode(Valid.self, from: Data(buffer: good.body))
            #expect(valid.valid && valid.experiment == FakeBoardService.summary)
            service.configure { $0.validation = .failure(.invalid(Self.checkErrors)) }
            let bad = try await client.execute(uri: "/api/v1/experiments/validate", method: .post, headers: bearer(), body: .text("[timing]\n"))
            #expect(bad.status == .unprocessableContent)
            let errors = try JSONDecoder().decode(Errors.self, from: Data(buffer: bad.body))
            #expect(errors.valid == false && errors.errors == Self.checkErrors)
            #expect(service.calls == ["validate upload.experiment.toml 13 bytes", "validate upload.experiment.toml 9 bytes"])
        }
    }

    @Test func aBodyOverTheLimitIs413AndNeverReachesTheService() async throws {
        try await withRouter(maxUploadBytes: 1024) { service, client in
            let oversize = String(repeating: "# comment line\n", count: 100)
            for path in ["/api/v1/experiments/validate", "/api/v1/runs", "/api/v1/alignment", "/api/v1/stop"] {
                var headers = bearer()
                headers[.contentType] = "application/toml"
                let response = try await client.execute(uri: path, method: .post, headers: headers, body: .text(oversize))
                #expect(response.status == .contentTooLarge, "\(path)")
                #expect(errorMessage(response)?.contains("1024") == true, "\(path)")
            }
            let atTheLimit = try await client.execute(uri: "/api/v1/experiments/validate", method: .post, headers: bearer(),
                                                      body: .text(String(repeating: "#", count: 1024)))
            #expect(atTheLimit.status == .ok)
            #expect(service.calls == ["validate upload.experiment.toml 1024 bytes"])
        }
    }

    @Test func alignmentPassesTheSettingAndAnUnavailableBoardIs503() async throws {
        try await withRouter { service, client in
            let response = try await client.execute(uri: "/api/v1/alignment", method: .post, headers: bearer(),
                                                    body: .text(#"{"experiment":"bell-chsh","setting":"all"}"#))
            #expect(response.status == .created)
            #expect(service.calls == [#"align builtIn("bell-chsh") all"#])
            service.configure { $0.startRefusal = .unavailable("interlock open") }
            let refused = try await client.execute(uri: "/api/v1/alignment", method: .post, headers: bearer(),
                                                   body: .text(#"{"experiment":"bell-chsh","setting":"HV/HV"}"#))
            #expect(refused.status == .serviceUnavailable)
            #expect(errorMessage(refused) == "interlock open")
            let noSetting = try await client.execute(uri: "/api/v1/alignment", method: .post, headers: bearer(),
                                                     body: .text(#"{"experiment":"bell-chsh"}"#))
            #expect(noSetting.status == .badRequest)
        }
    }
}
#endif
