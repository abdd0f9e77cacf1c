import Foundation
import KeyStore
import Testing

/// ETSI GS QKD 014's three requests: the same bytes on both sides, once each, and the standard
/// errors for everything else.
@Suite struct ETSIKeyDeliveryHandlerTests {
    private let pairs = [SAEPair(master: "SAE-Alice", slave: "SAE-Bob"), SAEPair(master: "SAE-Carol", slave: "SAE-Dave")]

    /// Alice's and Bob's KMEs over two folders holding the same deposited keys.
    private func link(keys: Int = 6, keyBits: Int = 256) async throws -> (alice: ETSIKeyDeliveryHandler, bob: ETSIKeyDeliveryHandler, folders: [TemporaryStoreFolder]) {
        let folders = [TemporaryStoreFolder(), TemporaryStoreFolder()]
        let material = TemporaryStoreFolder.keys(count: keys, bits: keyBits, seed: 14)
        var handlers: [ETSIKeyDeliveryHandler] = []
        for (folder, names) in zip(folders, [("KME-Alice", "KME-Bob"), ("KME-Bob", "KME-Alice")]) {
            let store = try KeyStore(directory: folder.path, keySizeBits: keyBits)
            try await store.deposit(blockID: 42, keys: material)
            handlers.append(ETSIKeyDeliveryHandler(store: store, configuration: KeyDeliveryConfiguration(
                localKMEID: names.0, peerKMEID: names.1, saePairs: pairs, maximumKeyCount: 1000, maximumKeysPerRequest: 4)))
        }
        return (handlers[0], handlers[1], folders)
    }

    private func keys(_ response: ETSIResponse<ETSIKeyContainer>) -> [ETSIKey] {
        if case .success(let container) = response { return container.keys }
        Issue.record("expected keys, got \(response)")
        return []
    }

    /// The master gets keys at Alice's KME; with the reservation passed to Bob's store (what the
    /// link's key-confirmation message will carry), the slave gets the same bytes for those ids
    /// at Bob's KME — once. A size below the stored 256 bits delivers the first size/8 bytes.
    @Test func masterAndSlaveReceiveTheSameKeysOnce() async throws {
        let (alice, bob, folders) = try await link()
        defer { folders.forEach { $0.remove() } }
        let masterKeys = keys(await alice.encKeys(caller: "SAE-Alice", slave: "SAE-Bob", number: 2, size: 128))
        #expect(masterKeys.count == 2)
        #expect(masterKeys.allSatisfy { Data(base64Encoded: $0.key)?.count == 16 })
        let ids = masterKeys.compactMap { KeyIdentifier(uuidString: $0.keyID) }
        _ = try await bob.store.reserve(ids, master: "SAE-Alice", slave: "SAE-Bob", sizeBits: 128)
        let slaveKeys = keys(await bob.decKeys(caller: "SAE-Bob", master: "SAE-Alice", keyIDs: masterKeys.map(\.keyID)))
        #expect(slaveKeys == masterKeys)
        let again = await bob.decKeys(caller: "SAE-Bob", master: "SAE-Alice", keyIDs: [masterKeys[0].keyID])
        #expect(again == .failure(httpStatus: 400, body: ETSIErrorBody(message: "key_ID \(masterKeys[0].keyID) was already delivered",
                                                                        details: [["key_ID": masterKeys[0].keyID]])))
        // Bob's KME never hands the reserved keys to a master of its own.
        let bobsMaster = keys(await bob.encKeys(caller: "SAE-Alice", slave: "SAE-Bob", number: 4))
        #expect(Set(bobsMaster.map(\.keyID)).isDisjoint(with: masterKeys.map(\.keyID)))
    }

    /// Status reports the limits under exactly the standard's field names.
    @Test func statusUsesTheStandardFieldNames() async throws {
        let (alice, _, folders) = try await link()
        defer { folders.forEach { $0.remove() } }
        guard case .success(let status) = await alice.status(caller: "SAE-Alice", slave: "SAE-Bob") else {
            Issue.record("status refused")
            return
        }
        #expect(status.storedKeyCount == 6 && status.keySize == 256 && status.maxKeySize == 256 && status.minKeySize == 8)
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(status)) as? [String: Any]
        #expect(Set(json?.keys ?? [:].keys) == ["source_KME_ID", "target_KME_ID", "master_SAE_ID", "slave_SAE_ID", "key_size",
                                               "stored_key_count", "max_key_count", "max_key_per_request", "max_key_size",
                                               "min_key_size", "max_SAE_ID_count"])
        #expect(json?["source_KME_ID"] as? String == "KME-Alice" && json?["max_SAE_ID_count"] as? Int == 0)
        let container = ETSIKeyContainer(keys: [ETSIKey(identifier: KeyIdentifier(blockID: 1, keyIndex: 2), material: KeyMaterial(bytes: [0xFB, 0xFF]))])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        #expect(String(decoding: try encoder.encode(container), as: UTF8.self)
                == #"{"keys":[{"key":"+/8=","key_ID":"00000000-0000-8000-8400-000008000000"}]}"#)
        let request = try JSONDecoder().decode(ETSIKeyIDs.self, from: Data(#"{"key_IDs":[{"key_ID":"x"}]}"#.utf8))
        #expect(request.keyIDs == [ETSIKeyIDs.Entry(keyID: "x")])
    }

    /// Unknown SAEs, callers outside their pair, bad numbers and sizes, unknown, malformed,
    /// repeated and other-pair key_IDs: each answered with its status and the standard body.
    @Test func badRequestsGetTheStandardErrors() async throws {
        let (alice, bob, folders) = try await link()
        defer { folders.forEach { $0.remove() } }
        func status(_ response: ETSIResponse<some Sendable & Equatable>) -> (Int, String)? {
            if case .failure(let code, let body) = response { return (code, body.message) }
            return nil
        }
        #expect(status(await alice.status(caller: "SAE-Alice", slave: "SAE-Eve")) ?? (0, "") == (400, "slave_SAE_ID SAE-Eve is unknown to this KME"))
        #expect(status(await alice.encKeys(caller: "SAE-Carol", slave: "SAE-Bob")) ?? (0, "") == (401, "SAE pair master SAE-Carol, slave SAE-Bob is not authorized"))
        #expect(status(await alice.encKeys(caller: "SAE-Alice", slave: "SAE-Bob", number: 5))?.0 == 400)
        #expect(status(await alice.encKeys(caller: "SAE-Alice", slave: "SAE-Bob", number: 0))?.0 == 400)
        #expect(status(await alice.encKeys(caller: "SAE-Alice", slave: "SAE-Bob", size: 512)) ?? (0, "")
                == (400, "size 512 bits: must be a multiple of 8 from min_key_size 8 to max_key_size 256"))
        #expect(status(await alice.encKeys(caller: "SAE-Alice", slave: "SAE-Bob", size: 12))?.0 == 400)
        #expect(status(await alice.encKeys(caller: "SAE-Alice", slave: "SAE-Bob",
                                           request: ETSIKeyRequest(additionalSlaveSAEIDs: ["SAE-Dave"])))?.0 == 400)
        let unknown = KeyIdentifier(blockID: 43, keyIndex: 0).uuidString
        #expect(status(await bob.decKeys(caller: "SAE-Bob", master: "SAE-Alice", keyIDs: [unknown])) ?? (0, "")
                == (400, "key_ID \(unknown) is unknown to this KME"))
        #expect(status(await bob.decKeys(caller: "SAE-Bob", master: "SAE-Alice", keyIDs: ["not-a-key"]))?.0 == 400)
        #expect(status(await bob.decKeys(caller: "SAE-Bob", master: "SAE-Alice", keyIDs: []))?.0 == 400)
        #expect(status(await bob.decKeys(caller: "SAE-Dave", master: "SAE-Alice", keyIDs: [unknown]))?.0 == 401)
        #expect(status(await bob.decKeys(caller: "SAE-Bob", master: "SAE-Mallory", keyIDs: [unknown]))?.0 == 400)
        // A key not yet handed to a master is refused; one reserved for Carol → Dave is 401 to Bob.
        let ready = KeyIdentifier(blockID: 42, keyIndex: 5)
        #expect(status(await bob.decKeys(caller: "SAE-Bob", master: "SAE-Alice", keyIDs: [ready.uuidString])) ?? (0, "")
                == (400, "key_ID \(ready) has not been handed to a master SAE"))
        _ = try await bob.store.reserve([ready], master: "SAE-Carol", slave: "SAE-Dave", sizeBits: 256)
        #expect(status(await bob.decKeys(caller: "SAE-Bob", master: "SAE-Alice", keyIDs: [ready.uuidString])) ?? (0, "")
                == (401, "key_ID \(ready) is reserved for another SAE"))
        let reserved = keys(await alice.encKeys(caller: "SAE-Alice", slave: "SAE-Bob"))[0].keyID
        #expect(status(await alice.decKeys(caller: "SAE-Bob", master: "SAE-Alice", keyIDs: [reserved, reserved])) ?? (0, "")
                == (400, "key_ID \(reserved) listed twice"))
        // Five keys remain at Alice's KME: asking for more than stored is a server-side 503.
        _ = keys(await alice.encKeys(caller: "SAE-Alice", slave: "SAE-Bob", number: 4))
        #expect(status(await alice.encKeys(caller: "SAE-Alice", slave: "SAE-Bob", number: 2)) ?? (0, "") == (503, "2 keys requested, 1 available"))
        // The error body is {"message": …, "details": [{…}]}.
        let body = ETSIErrorBody(message: "m", details: [["key_ID": "k"]])
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(String(decoding: try encoder.encode(body), as: UTF8.self) == #"{"details":[{"key_ID":"k"}],"message":"m"}"#)
    }
}
