import KeyDistillation
import KeyStore

/// How a block's final key is cut, identically on both nodes: the first
/// ``KeyExchangeConfiguration/authenticationReplenishmentBits`` bits to the authentication pools,
/// then consecutive keys of the store's size; bits left over (fewer than a key) are dropped.
/// Bits go into bytes most significant first (bit 8j of the key is the top bit of byte j).
struct FinalKeyPartition {
    let setAside: [UInt8]
    let keys: [KeyMaterial]
    let unusedBits: Int

    /// The partition of a `finalBits`-bit key; nil when it holds less than the set-aside bits and one key.
    static func keyCount(finalBits: Int, setAsideBits: Int, keySizeBits: Int) -> Int? {
        let count = (finalBits - setAsideBits) / keySizeBits
        return finalBits >= setAsideBits && count >= 1 ? count : nil
    }

    init?(finalKey: BitString, setAsideBits: Int, keySizeBits: Int) {
        guard let count = Self.keyCount(finalBits: finalKey.count, setAsideBits: setAsideBits, keySizeBits: keySizeBits) else { return nil }
        func bytes(_ range: Range<Int>) -> [UInt8] {
            stride(from: range.lowerBound, to: range.upperBound, by: 8).map { start in
                (0..<8).reduce(0 as UInt8) { byte, offset in byte << 1 | (finalKey[start + offset] ? 1 : 0) }
            }
        }
        setAside = bytes(0..<setAsideBits)
        keys = (0..<count).map { KeyMaterial(bytes: bytes((setAsideBits + $0 * keySizeBits)..<(setAsideBits + ($0 + 1) * keySizeBits))) }
        unusedBits = finalKey.count - setAsideBits - count * keySizeBits
    }
}
