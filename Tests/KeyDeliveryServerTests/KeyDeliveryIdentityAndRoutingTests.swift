#if Service
import Foundation
import Hummingbird
import KeyDeliveryServer
import KeyStore
import NIOCore
import Testing

/// The caller comes from the identity source only, and every path the standard does not list is
/// 404 with the clause 6.5 error body.
@Suite struct KeyDeliveryIdentityAndRoutingTests {
    /// A source that names nobody, as the TLS source does for a connection without a certificate.
    struct NoCertificate: SAEIdentitySource {
        func callerSAEID(on channel: any Channel) async -> Result<String, SAEIdentityRefusal> {
            .failure(SAEIdentityRefusal(reason: "no client certificate"))
        }
    }

    /// With no identity every route is 401 with the source's reason, before the store is asked and
    /// before a body is read (a malformed one included: nothing is parsed for an unknown caller).
    @Test func everyRouteIsUnauthorizedWithoutAnIdentity() async throws {
        let link = try await TwoKMELink()
        defer { link.remove() }
        let client = RouterClient(server: KeyDeliveryServer(handler: link.alice, identity: NoCertificate()))
        for (method, path, body) in [(HTTPRequest.Method.get, "SAE-Bob/status", nil), (.get, "SAE-Bob/enc_keys", nil),
                                     (.post, "SAE-Bob/enc_keys", "{}"), (.get, "SAE-Alice/dec_keys?key_ID=x", nil),
                                     (.post, "SAE-Alice/dec_keys", #"{"key_IDs": [{"key_ID": "x"}]}"#), (.post, "SAE-Alice/dec_keys", "not JSON")] as [(HTTPRequest.Method, String, String?)] {
            let response = try await client.execute(method, "/api/v1/keys/\(path)", body: body)
            #expect(response.status == .unauthorized && response.errorBody == ETSIErrorBody(message: "no client certificate"), "\(method) \(path)")
        }
        #expect(await link.alice.store.readyKeyCount == 6)
    }

    /// Headers naming another SAE change nothing: Carol, claiming to be Alice in every header an
    /// SAE might try, is still Carol and gets 401 for Alice's slave.
    @Test func headersCannotChangeTheCaller() async throws {
        let link = try await TwoKMELink()
        defer { link.remove() }
        var headers = HTTPFields()
        let names = ["X-SAE-ID", "X-Client-Cert-CN", "X-SSL-Client-S-DN", "SAE-ID", "Forwarded"].compactMap { HTTPFields.Element.Name($0) }
        #expect(names.count == 5)
        for name in names { headers[name] = "SAE-Alice" }
        let response = try await link.client(link.alice, caller: "SAE-Carol").execute(.get, "/api/v1/keys/SAE-Bob/enc_keys", headers: headers)
        #expect(response.status == .unauthorized)
        #expect(response.errorBody?.message == "SAE pair master SAE-Carol, slave SAE-Bob is not authorized")
    }

    /// Paths outside clause 5, and status by POST (clause 5.2 has GET only), are 404/405 with the
    /// standard error body and application/json; none touches the store.
    @Test func unknownRoutesAreNotFoundWithTheStandardErrorBody() async throws {
        let link = try await TwoKMELink()
        defer { link.remove() }
        let client = link.client(link.alice, caller: "SAE-Alice")
        for (method, path) in [(HTTPRequest.Method.get, "/api/v1/keys/SAE-Bob/keys"), (.get, "/api/v2/keys/SAE-Bob/status"),
                               (.get, "/api/v1/keys/status"), (.get, "/"), (.delete, "/api/v1/keys/SAE-Bob/enc_keys"),
                               (.post, "/api/v1/keys/SAE-Bob/status")] {
            let response = try await client.execute(method, path)
            #expect(response.status == .notFound || response.status == .methodNotAllowed, "\(method) \(path): \(response.status)")
            #expect(response.headers[.contentType] == "application/json" && response.errorBody?.message.isEmpty == false, "\(method) \(path)")
        }
        #expect(await link.alice.store.readyKeyCount == 6)
    }
}
#endif
