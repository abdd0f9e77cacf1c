/// Cascade's answering role (Alice): holds her key in every pass's order and answers parity
/// requests. Her key never changes; each answered parity is one bit of leakage, which the
/// correcting side counts.
public struct CascadeResponder: Sendable {
    private let schedule: CascadeSchedule
    private let permutedKeys: [BitString]
    /// The number of parity bits answered so far (equals the corrector's count).
    public private(set) var disclosedParityBits = 0

    /// Alice's side for the corrector's `setup`. Throws when the setup is out of range or its key
    /// length is not the length of `key`.
    public init(key: BitString, setup: CascadeSetup) throws(KeyDistillationError) {
        guard setup.keyLength == key.count else {
            throw .protocolMismatch(step: "Cascade setup", detail: "peer reconciles \(setup.keyLength) bits, this side holds \(key.count)")
        }
        schedule = try CascadeSchedule(setup, buildingPermutations: false)
        permutedKeys = schedule.permutedKeys(of: key)
    }

    /// The parities of `request`'s ranges. Throws (answering nothing) when a query names a pass
    /// that does not exist or a range past the key's end.
    public mutating func reply(to request: CascadeParityRequest) throws(KeyDistillationError) -> CascadeParityReply {
        var parities = BitString(zeros: request.queries.count)
        for (number, query) in request.queries.enumerated() {
            guard query.pass < permutedKeys.count, query.start < query.end, query.end <= schedule.keyLength else {
                throw .protocolMismatch(step: "Cascade parity request",
                                        detail: "query \(number) asks for pass \(query.pass), bits \(query.start) ..< \(query.end); there are \(permutedKeys.count) passes of \(schedule.keyLength) bits")
            }
            if permutedKeys[query.pass].parity(of: query.start ..< query.end) { parities[number] = true }
        }
        disclosedParityBits += request.queries.count
        return CascadeParityReply(parities: parities)
    }
}
