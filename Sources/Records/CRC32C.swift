import CCRC32C

/// CRC-32C (Castagnoli: reflected polynomial 0x82F63B78, initial value and final XOR 0xFFFFFFFF),
/// the check of a version-3 run record's header and of each of its blocks. Its check value, the
/// CRC of the ASCII bytes "123456789", is 0xE3069283 (`CRC32CTests`).
///
/// Castagnoli's polynomial finds every error of up to 5 bits, and every burst of up to 32 bits,
/// in the block sizes a record uses (under 100 kB); Fletcher-16, the per-record check of version
/// 1, cannot tell a byte 0x00 from 0xFF (both are 0 modulo 255).
///
/// The processor's CRC-32C instruction where it has one (x86-64 SSE4.2, the ARMv8 CRC extension on
/// 64-bit ARM Linux; ``CCRC32C``, checked at run time): eight bytes per instruction, about an
/// eighth of the table loop's instructions, the run record's main cost per click after the clicks
/// themselves. Elsewhere the portable loop, table-driven, eight bytes per step ("slicing by 8":
/// eight 256-entry tables, 8 KiB, built once), so a block costs about a byte per cycle rather than
/// eight shifts per byte. Both give the same bits (`CRC32CTests` compares them).
public enum CRC32C {
    /// The reflected Castagnoli polynomial.
    static let polynomial: UInt32 = 0x82F6_3B78

    /// Table k (k = 0 … 7) at `k * 256`: entry b is the CRC register after b followed by k zero bytes.
    static let tables: [UInt32] = {
        var tables = [UInt32](repeating: 0, count: 8 * 256)
        for byte in 0..<256 {
            var crc = UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ polynomial : crc >> 1 }
            tables[byte] = crc
        }
        for slice in 1..<8 {
            for byte in 0..<256 {
                let previous = tables[(slice - 1) * 256 + byte]
                tables[slice * 256 + byte] = (previous >> 8) ^ tables[Int(previous & 0xFF)]
            }
        }
        return tables
    }()

    /// The CRC-32C of `bytes`, continuing `previous`, the CRC of the bytes before them (0 to start):
    /// `checksum(b, continuing: checksum(a))` is the CRC of a followed by b.
    public static func checksum(_ bytes: UnsafeRawBufferPointer, continuing previous: UInt32 = 0) -> UInt32 {
        guard let base = bytes.baseAddress else { return previous }
        if qdot_crc32c_uses_hardware() != 0 {
            return ~qdot_crc32c_update(~previous, base.assumingMemoryBound(to: UInt8.self), bytes.count)
        }
        return portableChecksum(bytes, continuing: previous)
    }

    /// Whether ``checksum(_:continuing:)`` uses the processor's instruction on this machine.
    public static var usesProcessorInstruction: Bool { qdot_crc32c_uses_hardware() != 0 }

    /// ``checksum(_:continuing:)`` by the portable table loop, whatever the processor has (the
    /// tests compare it with the instruction).
    public static func portableChecksum(_ bytes: UnsafeRawBufferPointer, continuing previous: UInt32 = 0) -> UInt32 {
        var crc = ~previous
        guard let base = bytes.baseAddress else { return previous }
        let count = bytes.count
        tables.withUnsafeBufferPointer { table in
            var index = 0
            while index + 8 <= count {
                let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                let low = UInt32(truncatingIfNeeded: word) ^ crc, high = UInt32(truncatingIfNeeded: word >> 32)
                crc = table[7 * 256 + Int(low & 0xFF)] ^ table[6 * 256 + Int((low >> 8) & 0xFF)]
                    ^ table[5 * 256 + Int((low >> 16) & 0xFF)] ^ table[4 * 256 + Int(low >> 24)]
                    ^ table[3 * 256 + Int(high & 0xFF)] ^ table[2 * 256 + Int((high >> 8) & 0xFF)]
                    ^ table[256 + Int((high >> 16) & 0xFF)] ^ table[Int(high >> 24)]
                index += 8
            }
            while index < count {
                crc = (crc >> 8) ^ table[Int((crc ^ UInt32(base.load(fromByteOffset: index, as: UInt8.self))) & 0xFF)]
                index += 1
            }
        }
        return ~crc
    }

    /// The CRC-32C of `bytes`.
    public static func checksum(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBytes { checksum($0) }
    }
}
