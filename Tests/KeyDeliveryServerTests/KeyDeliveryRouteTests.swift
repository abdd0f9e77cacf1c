#if Service
import Foundation
import Hummingbird
import KeyDeliveryServer
import KeyStore
import Testing

/// ETSI GS QKD 014 V1.1.1 clause 5's routes over the handler: the same bytes on both sides, once,
/// and for bad input the handler's own status and clause 6.5 error body.
@Suite struct KeyDeliveryRouteTests {
    /// The keys of a 200 answer, checked to be `application/json`.
    private func keys(_ response: RouterResponse) -> [ETSIKey] {
        #expect(response.status == .ok, "\(response.status): \(response.errorBody?.message ?? "")")
        #expect(response.headers[.contentType] == "application/json")
        return response.decoded(ETSIKeyContainer.self)?.keys ?? []
    }

    /// Master GETs two 128-bit keys at Alice's KME; with their reservation passed to Bob's store (the
    /// link's job), the slave POSTs their ids at Bob's KME and receives the same bytes — the first
    /// 16 bytes of two of the deposited keys — and a second POST is refused as already delivered.
    @Test func encKeysByGetThenDecKeysByPostGiveTheSameBytesOnce() async throws {
        let link = try await TwoKMELink()
        defer { link.remove() }
        let master = keys(try await link.client(link.alice, caller: "SAE-Alice").execute(.get, "/api/v1/keys/SAE-Bob/enc_keys?number=2&size=128"))
        try #require(master.count == 2)
        let prefixes = Set(link.material.map { Array($0.prefix(16)) })
        #expect(master.allSatisfy { Data(base64Encoded: $0.key).map { prefixes.contains(Array($0)) } ?? false })
        _ = try await link.bob.store.reserve(master.compactMap { KeyIdentifier(uuidString: $0.keyID) },
                                             master: "SAE-Alice", slave: "SAE-Bob", sizeBits: 128)
        let bob = link.client(link.bob, caller: "SAE-Bob")
        let body = #"{"key_IDs": [{"key_ID": "\#(master[0].keyID)"}, {"key_ID": "\#(master[1].keyID)"}]}"#
        #expect(keys(try await bob.execute(.post, "/api/v1/keys/SAE-Alice/dec_keys", body: body)) == master)
        let again = try await bob.execute(.post, "/api/v1/keys/SAE-Alice/dec_keys", body: body)
        #expect(again.status == .badRequest)
        #expect(again.errorBody == ETSIErrorBody(message: "key_ID \(master[0].keyID) was already delivered", details: [["key_ID": master[0].keyID]]))
    }

    /// The other two forms: POST enc_keys with a JSON body (and with an empty body: one key of
    /// key_size), GET dec_keys with key_ID in the query.
    @Test func encKeysByPostThenDecKeysByGetGiveTheSameBytes() async throws {
        let link = try await TwoKMELink()
        defer { link.remove() }
        let alice = link.client(link.alice, caller: "SAE-Alice")
        let master = keys(try await alice.execute(.post, "/api/v1/keys/SAE-Bob/enc_keys", body: #"{"number": 1, "size": 256}"#))
        let defaulted = keys(try await alice.execute(.post, "/api/v1/keys/SAE-Bob/enc_keys"))
        #expect(master.count == 1 && defaulted.count == 1 && defaulted.allSatisfy { Data(base64Encoded: $0.key)?.count == 32 })
        try #require(master.count == 1)
        #expect(link.material.contains(Array(Data(base64Encoded: master[0].key) ?? Data())))
        _ = try await link.bob.store.reserve(master.compactMap { KeyIdentifier(uuidString: $0.keyID) },
                                             master: "SAE-Alice", slave: "SAE-Bob", sizeBits: 256)
        let slave = keys(try await link.client(link.bob, caller: "SAE-Bob").execute(.get, "/api/v1/keys/SAE-Alice/dec_keys?key_ID=\(master[0].keyID)"))
        #expect(slave == master)
    }

    /// Status: 200 with the clause 6.1 field names and the store's numbers; an unknown slave is 400,
    /// a caller not the master of that slave 401 — the handler's bodies, byte for byte.
    @Test func statusAnswersTheLimitsAndRefusesUnknownAndForeignSAEs() async throws {
        let link = try await TwoKMELink()
        defer { link.remove() }
        let ok = try await link.client(link.alice, caller: "SAE-Alice").execute(.get, "/api/v1/keys/SAE-Bob/status")
        #expect(ok.status == .ok && ok.headers[.contentType] == "application/json")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(ok.body.readableBytesView)) as? [String: Any])
        #expect(json["stored_key_count"] as? Int == 6 && json["key_size"] as? Int == 256 && json["max_key_per_request"] as? Int == 4)
        #expect(json["source_KME_ID"] as? String == "KME-Alice" && json["master_SAE_ID"] as? String == "SAE-Alice")
        for (caller, slave, status) in [("SAE-Alice", "SAE-Zed", 400), ("SAE-Carol", "SAE-Bob", 401)] {
            let response = try await link.client(link.alice, caller: caller).execute(.get, "/api/v1/keys/\(slave)/status")
            guard case .failure(let expectedStatus, let expectedBody) = await link.alice.status(caller: caller, slave: slave) else {
                Issue.record("the handler served \(caller) → \(slave)")
                continue
            }
            #expect(expectedStatus == status && response.status.code == status)
            #expect(response.errorBody == expectedBody && response.headers[.contentType] == "application/json")
        }
    }

    /// GET enc_keys' query: text, fractions, an empty value, a number beyond 64 bits and a repeated
    /// parameter are 400 naming the parameter; numbers outside 1…max_key_per_request and sizes that are
    /// not a multiple of 8 or exceed key_size are the handler's 400; more keys than stored is 503.
    @Test func encKeysRefusesMalformedAndOutOfRangeNumbersAndSizes() async throws {
        let link = try await TwoKMELink(keys: 3)
        defer { link.remove() }
        let alice = link.client(link.alice, caller: "SAE-Alice")
        let malformed = [("number=abc", "number"), ("number=1.5", "number"), ("size=", "size"),
                         ("number=99999999999999999999", "number"), ("number=1&number=2", "number")]
        for (query, parameter) in malformed {
            let response = try await alice.execute(.get, "/api/v1/keys/SAE-Bob/enc_keys?\(query)")
            #expect(response.status == .badRequest, "\(query)")
            #expect(response.errorBody?.message.hasPrefix("query parameter \(parameter)") == true, "\(query): \(response.errorBody?.message ?? "no error body")")
        }
        for (number, size) in [(0, 256), (5, 256), (1, 100), (1, 512), (1, 0)] {
            let response = try await alice.execute(.get, "/api/v1/keys/SAE-Bob/enc_keys?number=\(number)&size=\(size)")
            guard case .failure(let status, let body) = await link.alice.encKeys(caller: "SAE-Alice", slave: "SAE-Bob", number: number, size: size) else {
                Issue.record("the handler served number \(number) size \(size)")
                continue
            }
            #expect(status == 400 && response.status == .badRequest && response.errorBody == body, "number \(number) size \(size)")
        }
        let tooMany = try await alice.execute(.get, "/api/v1/keys/SAE-Bob/enc_keys?number=4")
        #expect(tooMany.status == .serviceUnavailable && tooMany.errorBody != nil)
        #expect(try await alice.execute(.get, "/api/v1/keys/SAE-Bob/status").decoded(ETSIStatus.self)?.storedKeyCount == 3)
    }

    /// POST bodies: not JSON, a field of the wrong type, multicast slaves, missing key_IDs and a
    /// malformed key_ID are 400 with a message naming what was wrong; a body over the limit is 413.
    @Test func postBodiesThatAreNotTheStandardsAreRefused() async throws {
        let link = try await TwoKMELink()
        defer { link.remove() }
        let alice = link.client(link.alice, caller: "SAE-Alice", maximumRequestBodyBytes: 256)
        let bob = link.client(link.bob, caller: "SAE-Bob", maximumRequestBodyBytes: 256)
        let cases: [(RouterClient, String, String, String)] = [
            (alice, "enc_keys", "number=2", "not JSON"),
            (alice, "enc_keys", #"{"number": "2"}"#, "field number is not an integer"),
            (alice, "enc_keys", #"{"additional_slave_SAE_IDs": ["SAE-Dave"]}"#, "additional_slave_SAE_IDs is not supported"),
            (bob, "dec_keys", #"{"keys": []}"#, "field key_IDs is missing"),
            (bob, "dec_keys", "", "not JSON"),
            (bob, "dec_keys", #"{"key_IDs": [{"key_ID": "not-a-uuid"}]}"#, "not-a-uuid"),
        ]
        for (client, route, body, expected) in cases {
            let sae = route == "enc_keys" ? "SAE-Bob" : "SAE-Alice"
            let response = try await client.execute(.post, "/api/v1/keys/\(sae)/\(route)", body: body)
            #expect(response.status == .badRequest, "\(route) \(body)")
            #expect(response.errorBody?.message.contains(expected) == true, "\(route) \(body): \(response.errorBody?.message ?? "no error body")")
        }
        let large = #"{"number": 1, "size": 256, "pad": ""# + String(repeating: "x", count: 300) + #""}"#
        let tooLarge = try await alice.execute(.post, "/api/v1/keys/SAE-Bob/enc_keys", body: large)
        #expect(tooLarge.status == .contentTooLarge && tooLarge.errorBody?.message == "the request body is larger than 256 bytes")
    }

    /// dec_keys: an unknown key_ID is 400 naming it, a slave asking for another pair's keys 401, an
    /// unknown master 400, no key_ID at all 400 — each the handler's body.
    @Test func decKeysRefusesUnknownIDsAndForeignPairs() async throws {
        let link = try await TwoKMELink()
        defer { link.remove() }
        // Well formed (a version-8 id of block 0, key 0), but no such key: the keys are block 42's.
        let unknown = "00000000-0000-8000-8000-000000000000"
        #expect(KeyIdentifier(uuidString: unknown) != nil)
        let requests: [(caller: String, master: String, ids: [String], status: Int)] = [
            ("SAE-Bob", "SAE-Alice", [unknown], 400), ("SAE-Dave", "SAE-Alice", [unknown], 401),
            ("SAE-Bob", "SAE-Zed", [unknown], 400), ("SAE-Bob", "SAE-Alice", [], 400)]
        for request in requests {
            let query = request.ids.map { "key_ID=\($0)" }.joined(separator: "&")
            let response = try await link.client(link.bob, caller: request.caller).execute(.get, "/api/v1/keys/\(request.master)/dec_keys?\(query)")
            guard case .failure(let status, let body) = await link.bob.decKeys(caller: request.caller, master: request.master, keyIDs: request.ids) else {
                Issue.record("the handler served \(request)")
                continue
            }
            #expect(status == request.status && response.status.code == status && response.errorBody == body, "\(request)")
        }
    }
}
#endif
