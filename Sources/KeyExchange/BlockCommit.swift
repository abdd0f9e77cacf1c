import KeyStore
import LinkProtocol

/// The commit's last in-memory step, the same on both nodes: the set-aside bits into both
/// directions' pools (first half Alice → Bob, ``LinkProtocol/LinkSession/replenish(bits:)``).
enum BlockCommit {
    static func replenish(_ session: inout LinkSession, with setAside: KeyMaterial) throws(KeyExchangeError) {
        guard setAside.bitCount > 0 else { return }
        let bytes = setAside.withUnsafeKeyBytes { $0 }
        do { try session.replenish(bits: bytes) } catch { throw .authentication(error) }
    }
}
