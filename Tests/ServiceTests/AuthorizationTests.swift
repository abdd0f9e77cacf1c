#if Service
import Foundation
import Hummingbird
import Testing
@testable import Service

/// Who may call what: control always needs the token, reads need it unless `--open-read`, the
/// dashboard never does.
struct AuthorizationTests {
    static let readPaths = ["/api/v1/status", "/api/v1/experiments", "/api/v1/runs", "/metrics"]

    @Test func controlWithoutATokenIs401WithABearerChallengeAndNeverReachesTheService() async throws {
        try await withRouter { service, client in
            let response = try await client.execute(uri: "/api/v1/runs", method: .post, body: .text(#"{"experiment":"bell-chsh"}"#))
            #expect(response.status == .unauthorized)
            #expect(response.headers[.wwwAuthenticate] == "Bearer")
            #expect(errorMessage(response) != nil)
            #expect(service.calls.isEmpty)
        }
    }

    @Test(arguments: [String(testToken.dropLast()) + "X", String(testToken.dropLast()), testToken + "0", "", testToken.uppercased()])
    func aWrongTokenIs401(token: String) async throws {
        try await withRouter { service, client in
            let response = try await client.execute(uri: "/api/v1/stop", method: .post, headers: bearer(token))
            #expect(response.status == .unauthorized)
            #expect(response.headers[.wwwAuthenticate] == "Bearer")
            #expect(service.calls.isEmpty)
        }
    }

    @Test func aTokenInAnotherSchemeIs401() async throws {
        try await withRouter { _, client in
            var headers = HTTPFields()
            headers[.authorization] = "Basic \(testToken)"
            let response = try await client.execute(uri: "/api/v1/stop", method: .post, headers: headers)
            #expect(response.status == .unauthorized)
        }
    }

    @Test func theRightTokenIsLetThrough() async throws {
        try await withRouter { service, client in
            let response = try await client.execute(uri: "/api/v1/stop", method: .post, headers: bearer())
            #expect(response.status == .accepted)
            #expect(service.calls == ["stop"])
        }
    }

    @Test func readEndpointsNeedTheTokenWithoutOpenRead() async throws {
        try await withRouter { service, client in
            for path in Self.readPaths {
                let refused = try await client.execute(uri: path, method: .get)
                #expect(refused.status == .unauthorized, "\(path)")
                let answered = try await client.execute(uri: path, method: .get, headers: bearer())
                #expect(answered.status == .ok, "\(path)")
            }
            #expect(service.calls == ["status", "experiments", "runs", "metrics"])
        }
    }

    @Test func openReadAnswersReadsWithoutTheTokenButStillGuardsControl() async throws {
        try await withRouter(openRead: true) { service, client in
            for path in Self.readPaths {
                let response = try await client.execute(uri: path, method: .get)
                #expect(response.status == .ok, "\(path)")
            }
            for path in ["/api/v1/runs", "/api/v1/stop", "/api/v1/alignment", "/api/v1/experiments/validate"] {
                let response = try await client.execute(uri: path, method: .post, body: .text(#"{"experiment":"bell-chsh"}"#))
                #expect(response.status == .unauthorized, "\(path)")
            }
            #expect(!service.calls.contains { $0.hasPrefix("start") || $0.hasPrefix("stop") || $0.hasPrefix("validate") })
        }
    }

    @Test func theDashboardIsServedWithoutATokenWithItsTypeAndAContentSecurityPolicy() async throws {
        try await withRouter { _, client in
            let files: [(String, String, [UInt8])] = [
                ("/", "text/html; charset=utf-8", PackageResources.index_html),
                ("/dashboard.js", "text/javascript; charset=utf-8", PackageResources.dashboard_js),
                ("/dashboard.css", "text/css; charset=utf-8", PackageResources.dashboard_css),
            ]
            for (path, type, bytes) in files {
                let response = try await client.execute(uri: path, method: .get)
                #expect(response.status == .ok, "\(path)")
                #expect(response.headers[.contentType] == type, "\(path)")
                #expect(response.headers[.contentSecurityPolicy] == "default-src 'self'", "\(path)")
                #expect(Array(response.body.readableBytesView) == bytes, "\(path)")
                #expect(!bytes.isEmpty)
            }
        }
    }

    @Test func theTokenComparisonAgreesWithEqualityOnEveryLength() {
        let expected = Array("Bearer \(testToken)".utf8)
        #expect(BearerTokenMiddleware<BasicRequestContext>.constantTimeEqual(expected, expected))
        for length in 0...(expected.count + 2) {
            let offered = Array(expected.prefix(length)) + Array(repeating: UInt8(ascii: "a"), count: max(0, length - expected.count))
            #expect(BearerTokenMiddleware<BasicRequestContext>.constantTimeEqual(offered, expected) == (offered == expected))
        }
        var flipped = expected
        flipped[flipped.count - 1] ^= 1
        #expect(!BearerTokenMiddleware<BasicRequestContext>.constantTimeEqual(flipped, expected))
    }
}
#endif
