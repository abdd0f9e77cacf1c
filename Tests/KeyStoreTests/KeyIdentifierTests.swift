import Foundation
import KeyStore
import Testing

/// key_IDs: the same on both nodes for the same (block, index), and valid RFC 9562 UUIDs.
@Suite struct KeyIdentifierTests {
    /// Block 0x0123456789ABCDEF, key 0x01020304, laid out by hand from the type's bit table:
    /// 0123456789ab | 8 | cde | 10 | f | 01020304 | 26 zero bits.
    @Test func layoutMatchesTheBitTable() {
        let identifier = KeyIdentifier(blockID: 0x0123_4567_89AB_CDEF, keyIndex: 0x0102_0304)
        #expect(identifier.uuidString == "01234567-89ab-8cde-bc04-080c10000000")
        #expect(KeyIdentifier(uuidString: identifier.uuidString) == identifier)
        #expect(KeyIdentifier(uuidString: identifier.uuidString.uppercased()) == identifier)
    }

    /// Every id reads back to its block and index, is a version-8, RFC-variant UUID that
    /// Foundation parses, and distinct pairs give distinct ids.
    @Test func idsRoundTripAndAreValidUUIDs() {
        let blocks: [UInt64] = [0, 1, 15, 16, 0xFFFF, 1 << 48, UInt64.max]
        let indices: [UInt32] = [0, 1, 255, UInt32.max]
        var seen: Set<String> = []
        for block in blocks {
            for index in indices {
                let text = KeyIdentifier(blockID: block, keyIndex: index).uuidString
                #expect(KeyIdentifier(uuidString: text) == KeyIdentifier(blockID: block, keyIndex: index))
                let uuid = UUID(uuidString: text)
                #expect(uuid != nil && (uuid?.uuid.6 ?? 0) >> 4 == 8, "\(text) is not version 8")
                #expect((uuid?.uuid.8 ?? 0) >> 6 == 0b10, "\(text) is not the RFC variant")
                seen.insert(text)
            }
        }
        #expect(seen.count == blocks.count * indices.count)
    }

    /// Text that is no id of this layout is refused: other versions, variants, reserved bits set,
    /// wrong length or characters.
    @Test func otherTextIsRefused() {
        for text in ["", "01234567-89ab-4cde-bc04-080c10000000", "01234567-89ab-8cde-3c04-080c10000000",
                     "01234567-89ab-8cde-bc04-080c10000001", "01234567-89ab-8cde-bc04-080c1000000", "0123456789ab-8cde-bc04-080c10000000-",
                     "0123456g-89ab-8cde-bc04-080c10000000", UUID().uuidString] {
            #expect(KeyIdentifier(uuidString: text) == nil, "\(text)")
        }
    }
}
