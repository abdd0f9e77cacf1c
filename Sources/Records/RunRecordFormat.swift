/// The byte layout of a version-1 and -2 run record (docs/record-format.md; version 3, which
/// qdot writes, is in `RunRecordFormat+Version3.swift`): all integers little-endian.
///
///     offset  size  field
///     0       8     magic "QDOTRUN\0"
///     8       4     format version (UInt32): 1, or 2 for a gate-mode experiment
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
    /// The versions this build reads: 1; 2, which adds gate-mode coincidences (the header's
    /// timing gains `coincidenceMode` and `sideCycles`, its settings' tallies `sideCoincidences`);
    /// and 3, which adds the run ID, the header's CRC-32C and the records in checked blocks
    /// (`RunRecordFormat+Version3.swift`). qdot writes version 3 (`writtenVersion`).
    public static let versions: ClosedRange<UInt32> = 1...3

    /// The lowest version that can hold a record with `header`: 1 in window mode, 2 in gate mode
    /// (a version-1 record with a gate-mode header is refused).
    public static func version(for header: RunRecordHeader) -> UInt32 {
        header.experiment.timing.coincidenceMode == .window && header.schedule.timing.coincidenceMode == .window ? 1 : 2
    }
    /// Bytes per record.
    public static let recordSize = 24
    /// Record kinds.
    public static let clickKind: UInt8 = 1
    public static let settingTotalKind: UInt8 = 2
    public static let endKind: UInt8 = 3

    /// Fletcher-16 of a record's bytes other than the check field (bytes 6 and 7), read from the
    /// bytes: the definition, used by the reader (`RunRecord`).
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

    /// The same Fletcher-16 as `check(_:)`, computed from the record's field values instead of its
    /// bytes, for the writer (one record per click; this is about a third of the byte loop's cost).
    ///
    /// Fletcher-16 over the checked bytes b₀ … b₂₁ (sum2 += sum1 after each byte) gives
    /// sum1 = Σ b_q and sum2 = Σ (22 − q)·b_q before the final reduction modulo 255. The head
    /// (kind, channel, codes, setting: bytes q = 0 … 5) is summed field by field: S(h) = Σ b_q and
    /// J(h) = Σ q·b_q. The cycle (q = 6 … 13) and the timestamp (q = 14 … 21) are little-endian
    /// words; a word w with bytes x₀ … x₇ starting at q = p adds S(w) = Σ x_j to sum1 and
    /// Σ (22 − p − j)·x_j = (22 − p)·S(w) − J(w) to sum2, with J(w) = Σ j·x_j (`RecordWordSums`).
    /// So, with S(c, t) and J(c, t) the sums over both words, taken together in one pass:
    /// sum2 = 22·S(h) − J(h) + 8·S(c, t) + 8·S(c) − J(c, t).
    /// Every sum stays below 2¹⁶ and sum2 is a sum of non-negative terms (22 − q)·b_q, so nothing
    /// wraps in the result: the wrapping operators only drop the overflow tests (once per click).
    /// Unsigned sums make the two `% 255` cheaper.
    @inlinable @inline(__always)
    public static func check(kind: UInt8, channel: UInt8, codeA: UInt8, codeB: UInt8, setting: UInt16, cycle: Int64,
                             timestamp: Int64) -> UInt16 {
        let settingLow = UInt(setting & 0xFF), settingHigh = UInt(setting >> 8)
        let channel = UInt(channel), codeA = UInt(codeA), codeB = UInt(codeB)
        let headSum = UInt(kind) &+ channel &+ codeA &+ codeB &+ settingLow &+ settingHigh
        let headIndexWeighted = channel &+ 2 &* codeA &+ 3 &* codeB &+ 4 &* settingLow &+ 5 &* settingHigh
        let cycleWord = UInt64(bitPattern: cycle)
        let words = RecordWordSums(cycleWord, plus: UInt64(bitPattern: timestamp))
        let cycleSum = RecordWordSums(cycleWord).byteSum
        let sum1 = headSum &+ words.byteSum
        let sum2 = (22 &* headSum &- headIndexWeighted) &+ 8 &* words.byteSum &+ 8 &* cycleSum &- words.indexWeightedSum
        return UInt16(sum2 % 255) << 8 | UInt16(sum1 % 255)
    }

    /// Encodes one record at `address` (24 bytes from there; any alignment).
    @inlinable @inline(__always)
    public static func encode(kind: UInt8, channel: UInt8, codeA: UInt8, codeB: UInt8, setting: UInt16, cycle: Int64,
                              timestamp: Int64, at address: UnsafeMutableRawPointer) {
        let sum = check(kind: kind, channel: channel, codeA: codeA, codeB: codeB, setting: setting, cycle: cycle,
                        timestamp: timestamp)
        address.storeBytes(of: kind, toByteOffset: 0, as: UInt8.self)
        address.storeBytes(of: channel, toByteOffset: 1, as: UInt8.self)
        address.storeBytes(of: codeA, toByteOffset: 2, as: UInt8.self)
        address.storeBytes(of: codeB, toByteOffset: 3, as: UInt8.self)
        address.storeBytes(of: setting.littleEndian, toByteOffset: 4, as: UInt16.self)
        address.storeBytes(of: sum.littleEndian, toByteOffset: 6, as: UInt16.self)
        address.storeBytes(of: cycle.littleEndian, toByteOffset: 8, as: Int64.self)
        address.storeBytes(of: timestamp.littleEndian, toByteOffset: 16, as: Int64.self)
    }
}
