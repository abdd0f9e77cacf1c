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
