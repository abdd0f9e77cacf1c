import LinkProtocol
import SeededRandom

/// Sessions for Alice and Bob from one seeded pre-shared secret.
enum LinkTestKeys {
    /// A pre-shared secret of `bytes` bytes drawn with `seed`.
    static func secret(bytes: Int, seed: UInt64) -> [UInt8] {
        var generator = Xoshiro256StarStar(seed: seed)
        return (0..<bytes).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
    }

    /// Alice's and Bob's sessions over the same secret (`pads` pads per direction).
    static func sessions(pads: Int = 64, seed: UInt64 = 14, limits: LinkFrameLimits = .standard) throws -> (alice: LinkSession, bob: LinkSession) {
        let shared = secret(bytes: 32 + 32 * pads, seed: seed)
        return (try LinkSession(preSharedSecret: shared, role: .alice, limits: limits),
                try LinkSession(preSharedSecret: shared, role: .bob, limits: limits))
    }
}

extension LinkSession {
    /// Feeds `bytes` and collects every message they complete.
    mutating func messages(from bytes: [UInt8]) throws -> [LinkMessage] {
        receive(bytes)
        var messages: [LinkMessage] = []
        while let message = try nextMessage() { messages.append(message) }
        return messages
    }
}
