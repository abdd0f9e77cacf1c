/// The byte layout of a run record (docs/record-format.md): all integers little-endian.
///
///     offset  size  field
///     0       8     magic "QDOTRUN\0"
///     8       4     format version (UInt32) = 1
///     12      4     header length H in bytes (UInt32)
///     16      H     header: UTF-8 JSON of `RunRecordHeader`
///     16+H    24·n  records
///
/// Each 24-byte record: kind (UInt8: 1 click, 2 setting total, 3 end), channel (UInt8, 0–3 =
/// A+, A−, B+, B−; for an end record 1 = run complete), basis code A (UInt8), basis code B
/// (UInt8), setting index (UInt16), check (UInt16, Fletcher-16 of the other 22 bytes), cycle
/// (Int64; setting total: cycles run; end: cycles run in all), timestamp (Int64 ns; end: board
/// time covered).
public enum RunRecordFormat {
    /// The first eight bytes of every record file.
    public static let magic: [UInt8] = Array("QDOTRUN".utf8) + [0]
    /// The version this build writes and reads.
    public static let version: UInt32 = 1
    /// Bytes per record.
    public static let recordSize = 24
    /// Record kinds.
    public static let clickKind: UInt8 = 1
    public static let settingTotalKind: UInt8 = 2
    public static let endKind: UInt8 = 3

    /// Fletcher-16 of a record's bytes other than the check field (bytes 6 and 7).
    /// Sums are reduced modulo 255 once at the end (22 bytes cannot overflow 32 bits), which gives
    /// the same value as reducing after every byte.
    @inline(__always)
    public static func check(_ bytes: UnsafeRawBufferPointer) -> UInt16 {
        var sum1: UInt32 = 0, sum2: UInt32 = 0
        for index in 0..<recordSize where index != 6 && index != 7 {
            sum1 &+= UInt32(bytes[index])
            sum2 &+= sum1
        }
        return UInt16(sum2 % 255) << 8 | UInt16(sum1 % 255)
    }

    /// Encodes one record into `buffer` (24 bytes from its start).
    @inline(__always)
    public static func encode(kind: UInt8, channel: UInt8, codeA: UInt8, codeB: UInt8, setting: UInt16, cycle: Int64,
                              timestamp: Int64, into buffer: UnsafeMutableRawBufferPointer) {
        buffer[0] = kind
        buffer[1] = channel
        buffer[2] = codeA
        buffer[3] = codeB
        buffer.storeBytes(of: setting.littleEndian, toByteOffset: 4, as: UInt16.self)
        buffer.storeBytes(of: 0, toByteOffset: 6, as: UInt16.self)
        buffer.storeBytes(of: cycle.littleEndian, toByteOffset: 8, as: Int64.self)
        buffer.storeBytes(of: timestamp.littleEndian, toByteOffset: 16, as: Int64.self)
        let sum = check(UnsafeRawBufferPointer(rebasing: buffer[0..<recordSize]))
        buffer.storeBytes(of: sum.littleEndian, toByteOffset: 6, as: UInt16.self)
    }
}
