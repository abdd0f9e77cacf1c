import KeyStore
import LinkProtocol

/// The commit's last in-memory step, the same on both nodes: the set-aside bits into both
/// directions' pools (first half Alice → Bob, ``AuthenticationPadSink/replenish(bits:)``).
enum BlockCommit {
    static func replenish(_ session: inout some AuthenticationPadSink, with setAside: KeyMaterial) async throws(KeyExchangeError) {
        guard setAside.bitCount > 0 else { return }
        let bytes = setAside.withUnsafeKeyBytes { $0 }
        do { try await session.replenish(bits: bytes) } catch let error as LinkProtocolError {
            throw .authentication(error)
        } catch { throw .padSinkUnavailable(reason: "\(error)") }
    }
}
