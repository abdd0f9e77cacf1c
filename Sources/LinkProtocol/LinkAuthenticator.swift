/// Wegman–Carter authentication of one direction's frames with a pre-shared key.
///
/// tag = (h_k(header ‖ payload) + r_n) mod p, p = 2¹²⁷ − 1, where h_k is the polynomial hash
/// (``PolynomialHash``) with a key k fixed per direction, and r_n is the n-th one-time pad of the
/// direction's ``AuthenticationKeyPool``, n the frame's sequence number (Wegman and Carter, "New
/// hash functions and their use in authentication and set equality", J. Comput. Syst. Sci. 22,
/// 265 (1981), section 4: one hash function for many messages, a fresh pad per tag). An
/// ε-almost-Δ-universal hash plus a uniform pad is ε-almost-strongly-universal₂ (Stinson, Des.
/// Codes Cryptogr. 4, 369 (1994); Krawczyk, "LFSR-based hashing and authentication", CRYPTO
/// 1994), so a forger who saw frame n succeeds with probability at most ε = ``PolynomialHash/forgeryProbabilityBound(messageBytes:)`` per attempt.
///
/// Why not mutual TLS for the node-to-node channel: QKD's security proof assumes an
/// information-theoretically authenticated classical channel. With TLS the key would be only as
/// secure as TLS's signatures and key exchange are computationally hard; with Wegman–Carter it is
/// secure against any adversary, and the authentication's failure probability adds to the key's ε:
/// recycling k while the pads are fresh keeps the composed failure below N·ε after N frames
/// (Portmann, "Key recycling in authentication", IEEE Trans. Inf. Theory 60, 4383 (2014)).
/// The pads cost 128 bits per frame, paid back from the keys the link produces.
struct LinkAuthenticator: Sendable {
    let hash: PolynomialHash
    var pool: AuthenticationKeyPool

    /// The tag of `authenticatedBytes` with pad `pad`, as 16 big-endian bytes.
    func tag(_ authenticatedBytes: [UInt8], pad: UInt128) -> [UInt8] {
        Mersenne127.add(hash.evaluate(authenticatedBytes), pad).bigEndianBytes
    }
}

/// Which end of the link a node is: fixes which half of the shared secret keys which direction.
public enum LinkRole: String, Sendable, CaseIterable {
    /// The node whose outgoing direction is Alice → Bob.
    case alice
    /// The node whose outgoing direction is Bob → Alice.
    case bob
}

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
