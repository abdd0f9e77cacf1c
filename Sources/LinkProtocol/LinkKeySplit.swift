/// Splits shared key material between the two directions, the same way on both nodes.
enum LinkKeySplit {
    static let hashKeyBytes = 16

    /// The pre-shared secret's layout: bytes 0–15 the hash key for Alice → Bob, bytes 16–31 the
    /// hash key for Bob → Alice, the rest split in halves, the first half Alice → Bob's pads.
    /// At least 64 bytes (one pad per direction); the rest a whole number of pad pairs.
    static func split(preSharedSecret secret: [UInt8], role: LinkRole) throws(LinkProtocolError)
        -> (outgoing: LinkAuthenticator, incoming: LinkAuthenticator) {
        let minimum = 2 * hashKeyBytes + 2 * AuthenticationKeyPool.padBytes
        guard secret.count >= minimum else { throw .preSharedSecretTooShort(bytes: secret.count, minimumBytes: minimum) }
        let (aliceToBobPads, bobToAlicePads) = try halves(Array(secret[(2 * hashKeyBytes)...]))
        let aliceToBob = LinkAuthenticator(hash: PolynomialHash(keyBytes: secret[0..<hashKeyBytes]),
                                           pool: try AuthenticationKeyPool(padMaterial: aliceToBobPads))
        let bobToAlice = LinkAuthenticator(hash: PolynomialHash(keyBytes: secret[hashKeyBytes..<(2 * hashKeyBytes)]),
                                           pool: try AuthenticationKeyPool(padMaterial: bobToAlicePads))
        return role == .alice ? (aliceToBob, bobToAlice) : (bobToAlice, aliceToBob)
    }

    /// Key material cut in halves of whole pads: (Alice → Bob, Bob → Alice).
    static func halves(_ material: [UInt8]) throws(LinkProtocolError) -> (aliceToBob: [UInt8], bobToAlice: [UInt8]) {
        let pairBytes = 2 * AuthenticationKeyPool.padBytes
        guard material.count % pairBytes == 0 else {
            throw .replenishmentNotWholePads(bytes: material.count, padBytes: pairBytes)
        }
        let half = material.count / 2
        return (Array(material[..<half]), Array(material[half...]))
    }
}
