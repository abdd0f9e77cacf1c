import Records
import SeededRandom
import Testing

/// CRC-32C as the standard defines it: the check value, and both implementations (the processor's
/// instruction where present, the table-driven loop, eight bytes a step) against a bit-by-bit one
/// written here, over lengths and start offsets that exercise every tail and alignment.
@Suite struct CRC32CTests {
    /// Bit by bit, from the polynomial alone.
    static func bitwise(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1 }
        }
        return ~crc
    }

    @Test func theCheckValueOf123456789IsE3069283() {
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
        #expect(Self.bitwise(Array("123456789".utf8)) == 0xE306_9283)
        #expect(CRC32C.checksum([]) == 0)
        // RFC 3720 (iSCSI) B.4: 32 bytes of zeros, of 0xFF.
        #expect(CRC32C.checksum([UInt8](repeating: 0, count: 32)) == 0x8A91_36AA)
        #expect(CRC32C.checksum([UInt8](repeating: 0xFF, count: 32)) == 0x62A8_AB43)
    }

    @Test func theTableDrivenCRCIsTheBitwiseOneForEveryLengthAndSplit() {
        var random = Xoshiro256StarStar(seed: 32)
        for length in 0..<200 {
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            let whole = CRC32C.checksum(bytes)
            #expect(whole == Self.bitwise(bytes), "length \(length)")
            let split = length / 3
            let continued = bytes.withUnsafeBytes { all in
                CRC32C.checksum(UnsafeRawBufferPointer(rebasing: all[split...]),
                                continuing: CRC32C.checksum(UnsafeRawBufferPointer(rebasing: all[..<split])))
            }
            #expect(continued == whole, "length \(length) split at \(split)")
        }
    }

    @Test func theInstructionAndTheTableLoopAreTheBitwiseCRCAtEveryAlignment() {
        var random = Xoshiro256StarStar(seed: 33)
        let bytes = (0..<300).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        bytes.withUnsafeBytes { all in
            for start in 0..<9 {
                for length in [0, 1, 7, 8, 9, 23, 24, 25, 64, 255, 291 - start] {
                    let slice = UnsafeRawBufferPointer(rebasing: all[start..<(start + length)])
                    let expected = Self.bitwise(Array(slice))
                    #expect(CRC32C.portableChecksum(slice) == expected, "start \(start), length \(length)")
                    #expect(CRC32C.checksum(slice) == expected,
                            "start \(start), length \(length), instruction \(CRC32C.usesProcessorInstruction)")
                    #expect(CRC32C.checksum(slice, continuing: 0x1234_5678)
                            == CRC32C.portableChecksum(slice, continuing: 0x1234_5678))
                }
            }
        }
    }
}
