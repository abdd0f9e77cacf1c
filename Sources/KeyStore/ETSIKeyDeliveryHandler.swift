/// ETSI GS QKD 014 V1.1.1's three requests over the ``KeyStore``, without HTTP: the server (with
/// mutual TLS, later) maps each route to one call, passing the SAE id from the client
/// certificate as `caller`, and sends back what it returns.
///
///     GET/POST /api/v1/keys/{slave_SAE_ID}/status    → status   (clause 5.2)
///     GET/POST /api/v1/keys/{slave_SAE_ID}/enc_keys  → encKeys  (clause 5.3)
///     GET/POST /api/v1/keys/{master_SAE_ID}/dec_keys → decKeys  (clause 5.4)
///
/// Across the link: the master calls enc_keys at one node's KME, whose keys are then reserved at
/// the other node (``KeyStore/reserve(_:master:slave:sizeBits:)``, on the link's
/// key-delivery-reservation message) where the slave calls dec_keys. Only one node of a link may
/// serve enc_keys: two nodes handing out the same ready keys could give one key to two masters
/// before the reservation crossed the link.
///
/// Status codes as the clauses list them: 400 for a request the KME cannot serve as asked (an
/// unknown SAE id, a number or size outside the status' limits, an unknown, malformed, repeated,
/// not yet reserved or already delivered key_ID), 401 when the caller may not make it (not the
/// master of that slave, not the slave of that master, a key reserved for another pair), 503
/// for server-side conditions (too few keys stored right now, a disk failure). "Too few keys" is
/// 503, not 400, because the request is well-formed and will succeed once the link produced more.
public struct ETSIKeyDeliveryHandler: Sendable {
    /// The store the keys come from.
    public let store: KeyStore
    /// Who this KME is and its limits.
    public let configuration: KeyDeliveryConfiguration

    /// What a node does with each enc_keys reservation once it is on the disk and before the keys
    /// are returned: Alice's node queues the key-delivery-reservation notice for Bob's. Called with
    /// the ids, the master, the slave and the size in bits.
    public typealias ReservationNotice = @Sendable (_ identifiers: [KeyIdentifier], _ master: String, _ slave: String, _ sizeBits: Int) async -> Void
    /// Told of every enc_keys reservation; nil: nobody (one-node tests).
    public let reservationNotice: ReservationNotice?
    /// False at the node that must not hand out keys (Bob's, see above): its enc_keys answers 400.
    public let servesEncKeys: Bool

    /// A handler over `store`; `servesEncKeys` false at the node whose peer serves enc_keys;
    /// `reservationNotice` told of each enc_keys reservation.
    public init(store: KeyStore, configuration: KeyDeliveryConfiguration, servesEncKeys: Bool = true,
                reservationNotice: ReservationNotice? = nil) {
        self.store = store
        self.configuration = configuration
        self.servesEncKeys = servesEncKeys
        self.reservationNotice = reservationNotice
    }

    /// "Get status" (clause 5.2): the link's limits and the keys available to `caller` (a master)
    /// for `slave`.
    public func status(caller: String, slave: String) async -> ETSIResponse<ETSIStatus> {
        if let refusal = authorize(master: caller, slave: slave, pathSAE: slave, pathField: "slave_SAE_ID") {
            return .failure(httpStatus: refusal.httpStatus, body: refusal.body)
        }
        return .success(ETSIStatus(
            sourceKMEID: configuration.localKMEID, targetKMEID: configuration.peerKMEID, masterSAEID: caller, slaveSAEID: slave,
            keySize: store.keySizeBits, storedKeyCount: await store.readyKeyCount, maxKeyCount: configuration.maximumKeyCount,
            maxKeyPerRequest: configuration.maximumKeysPerRequest, maxKeySize: store.keySizeBits,
            minKeySize: configuration.minimumKeySizeBits, maxSAEIDCount: 0))
    }

    /// "Get key" (clause 5.3) with GET's query parameters `number` and `size` (nil: the defaults).
    public func encKeys(caller: String, slave: String, number: Int? = nil, size: Int? = nil) async -> ETSIResponse<ETSIKeyContainer> {
        await encKeys(caller: caller, slave: slave, request: ETSIKeyRequest(number: number, size: size))
    }

    /// "Get key" (clause 5.3): hands `caller`, the master, `number` new keys of `size` bits
    /// reserved for `slave`. Their reservation is on the disk before this returns.
    public func encKeys(caller: String, slave: String, request: ETSIKeyRequest) async -> ETSIResponse<ETSIKeyContainer> {
        if let refusal = authorize(master: caller, slave: slave, pathSAE: slave, pathField: "slave_SAE_ID") {
            return .failure(httpStatus: refusal.httpStatus, body: refusal.body)
        }
        guard servesEncKeys else {
            return badRequest("this KME (\(configuration.localKMEID)) serves dec_keys only: call enc_keys at \(configuration.peerKMEID)")
        }
        let number = request.number ?? 1, size = request.size ?? store.keySizeBits
        if let additional = request.additionalSlaveSAEIDs, !additional.isEmpty {
            return badRequest("additional_slave_SAE_IDs is not supported (max_SAE_ID_count is 0)",
                              ["additional_slave_SAE_IDs": additional.joined(separator: ",")])
        }
        guard (1...configuration.maximumKeysPerRequest).contains(number) else {
            return badRequest("number \(number) outside 1…\(configuration.maximumKeysPerRequest) (max_key_per_request)", ["number": "\(number)"])
        }
        guard size % 8 == 0, (configuration.minimumKeySizeBits...store.keySizeBits).contains(size) else {
            return badRequest("size \(size) bits: must be a multiple of 8 from min_key_size \(configuration.minimumKeySizeBits) "
                              + "to max_key_size \(store.keySizeBits)", ["size": "\(size)"])
        }
        do {
            let keys = try await store.reserveForMaster(master: caller, slave: slave, count: number, sizeBits: size)
            await reservationNotice?(keys.map(\.identifier), caller, slave, size)
            return .success(ETSIKeyContainer(keys: keys.map { ETSIKey(identifier: $0.identifier, material: $0.material) }))
        } catch {
            return failure(error)
        }
    }

    /// "Get key with key IDs" (clause 5.4): hands `caller`, the slave, the keys `keyIDs` that
    /// `master` received. All or none: one bad id refuses the whole request. The keys are
    /// recorded as delivered on the disk before this returns.
    public func decKeys(caller: String, master: String, keyIDs: [String]) async -> ETSIResponse<ETSIKeyContainer> {
        if let refusal = authorize(master: master, slave: caller, pathSAE: master, pathField: "master_SAE_ID") {
            return .failure(httpStatus: refusal.httpStatus, body: refusal.body)
        }
        guard (1...configuration.maximumKeysPerRequest).contains(keyIDs.count) else {
            return badRequest("\(keyIDs.count) key_IDs: 1…\(configuration.maximumKeysPerRequest) allowed (max_key_per_request)")
        }
        var identifiers: [KeyIdentifier] = []
        for text in keyIDs {
            guard let identifier = KeyIdentifier(uuidString: text) else { return failure(KeyStoreError.malformedKeyID(text)) }
            guard !identifiers.contains(identifier) else { return badRequest("key_ID \(text) listed twice", ["key_ID": text]) }
            identifiers.append(identifier)
        }
        do {
            let keys = try await store.deliverToSlave(identifiers, master: master, slave: caller)
            return .success(ETSIKeyContainer(keys: keys.map { ETSIKey(identifier: $0.identifier, material: $0.material) }))
        } catch {
            return failure(error)
        }
    }

    /// 400 for an SAE id in the path no pair names, 401 for a caller not allowed that pair.
    private func authorize(master: String, slave: String, pathSAE: String, pathField: String) -> (httpStatus: Int, body: ETSIErrorBody)? {
        let known = configuration.saePairs.contains { pathField == "slave_SAE_ID" ? $0.slave == pathSAE : $0.master == pathSAE }
        guard known else {
            return (400, ETSIErrorBody(message: "\(pathField) \(pathSAE) is unknown to this KME", details: [[pathField: pathSAE]]))
        }
        guard configuration.saePairs.contains(SAEPair(master: master, slave: slave)) else {
            return (401, ETSIErrorBody(message: "SAE pair master \(master), slave \(slave) is not authorized",
                                       details: [["master_SAE_ID": master], ["slave_SAE_ID": slave]]))
        }
        return nil
    }

    private func failure(_ error: KeyStoreError) -> ETSIResponse<ETSIKeyContainer> {
        let message = error.description
        switch error {
        case .unknownKeyID(let text), .malformedKeyID(let text):
            return .failure(httpStatus: 400, body: ETSIErrorBody(message: message, details: [["key_ID": text]]))
        case .alreadyDelivered(let id), .notReserved(let id), .notReady(let id), .duplicateKeyID(let id):
            return .failure(httpStatus: 400, body: ETSIErrorBody(message: message, details: [["key_ID": id.uuidString]]))
        case .reservedForAnotherSAE(let id):
            return .failure(httpStatus: 401, body: ETSIErrorBody(message: message, details: [["key_ID": id.uuidString]]))
        case .unsupportedKeySize, .wrongKeySize, .tooManyKeysInBlock:
            return .failure(httpStatus: 400, body: ETSIErrorBody(message: message))
        case .notEnoughKeys, .corruptKeyFile, .corruptSessionState, .fileSystem, .cannotCreateDirectory:
            return .failure(httpStatus: 503, body: ETSIErrorBody(message: message))
        }
    }

    private func badRequest(_ message: String, _ detail: [String: String]? = nil) -> ETSIResponse<ETSIKeyContainer> {
        .failure(httpStatus: 400, body: ETSIErrorBody(message: message, details: detail.map { [$0] }))
    }
}
