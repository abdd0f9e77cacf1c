/// A key's `key_ID`: a UUID both nodes compute from the link's block id and the key's index in
/// that block, so Alice's and Bob's stores name the same key alike without exchanging ids.
///
/// It is a version-8 UUID (RFC 9562 section 5.8, "custom"), its 122 free bits laid out as
/// block id (64 bits) ‖ key index (32 bits) ‖ 26 zero bits, around the version nibble (8) and the
/// variant bits (10) at their RFC places: bits 0–47 block id bits 63–16, bits 48–51 the version,
/// 52–63 block id bits 15–4, 64–65 the variant, 66–69 block id bits 3–0, 70–101 the key index,
/// 102–127 zero. Distinct (block, index) pairs give distinct ids by construction; the link must
/// never reuse a block id (it numbers blocks from a counter it persists).
public struct KeyIdentifier: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The link's block the key came from.
    public let blockID: UInt64
    /// The key's position in the block's final key, from 0.
    public let keyIndex: UInt32

    /// The identifier of key `keyIndex` of block `blockID`.
    public init(blockID: UInt64, keyIndex: UInt32) {
        self.blockID = blockID
        self.keyIndex = keyIndex
    }

    /// Reads a `key_ID` (either case): nil unless it is a UUID of this layout.
    public init?(uuidString: String) {
        let characters = Array(uuidString.utf8)
        guard characters.count == 36, [8, 13, 18, 23].allSatisfy({ characters[$0] == UInt8(ascii: "-") }) else { return nil }
        var value: UInt128 = 0
        for (position, character) in characters.enumerated() where ![8, 13, 18, 23].contains(position) {
            guard let digit = Self.hexValue(character) else { return nil }
            value = value << 4 | UInt128(digit)
        }
        guard value >> 76 & 0xF == 8, value >> 62 & 0b11 == 0b10, value & 0x3FF_FFFF == 0 else { return nil }
        blockID = UInt64(truncatingIfNeeded: value >> 80) << 16 | UInt64(truncatingIfNeeded: value >> 64 & 0xFFF) << 4
            | UInt64(truncatingIfNeeded: value >> 58 & 0xF)
        keyIndex = UInt32(truncatingIfNeeded: value >> 26)
    }

    /// The 128 bits of the UUID.
    private var bits: UInt128 {
        UInt128(blockID >> 16) << 80 | UInt128(8) << 76 | UInt128(blockID >> 4 & 0xFFF) << 64
            | UInt128(0b10) << 62 | UInt128(blockID & 0xF) << 58 | UInt128(keyIndex) << 26
    }

    /// The `key_ID` text: lowercase 8-4-4-4-12 hex digits.
    public var uuidString: String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for nibble in 0..<32 {
            if [8, 12, 16, 20].contains(nibble) { text.append(UInt8(ascii: "-")) }
            text.append(digits[Int(bits >> UInt128(124 - 4 * nibble) & 0xF)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The `key_ID` text.
    public var description: String { uuidString }

    /// Block order, then index order: the order keys are handed out.
    public static func < (lhs: KeyIdentifier, rhs: KeyIdentifier) -> Bool {
        (lhs.blockID, lhs.keyIndex) < (rhs.blockID, rhs.keyIndex)
    }

    private static func hexValue(_ character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): character - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): character - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
