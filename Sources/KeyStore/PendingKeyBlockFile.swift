internal import Foundation

/// The on-disk form of a block held *pending* (the first phase of the link's two-phase commit),
/// one JSON file per block named `block-<16 hex digits of the block id>.pending`, mode 0600:
///
///     {"format": 1, "block_ID": 17, "keys": ["<base64>", …], "set_aside": "<base64>"}
///
/// `keys` are the block's final keys in index order; `set_aside` the bits kept back from the block
/// for the link's authentication pools, returned by ``KeyStore/commit(blockID:)``. The store's
/// loader skips these files (they are not `.key` files), so pending keys are never handed out.
struct PendingKeyBlockFile: Codable {
    static let currentFormat = 1
    static let suffix = ".pending"

    let format: Int
    let blockID: UInt64
    let keys: [String]
    let setAside: String

    enum CodingKeys: String, CodingKey {
        case format, keys
        case blockID = "block_ID"
        case setAside = "set_aside"
    }

    /// `block-0000000000000011.pending` for block 17.
    static func fileName(blockID: UInt64) -> String {
        let hex = String(blockID, radix: 16)
        return "block-" + String(repeating: "0", count: 16 - hex.count) + hex + suffix
    }

    /// The block id a pending file's name holds, nil for any other name.
    static func blockID(fileName: String) -> UInt64? {
        guard fileName.hasPrefix("block-"), fileName.hasSuffix(suffix), fileName.utf8.count == 6 + 16 + suffix.utf8.count else { return nil }
        return UInt64(fileName.dropFirst(6).prefix(16), radix: 16)
    }
}
