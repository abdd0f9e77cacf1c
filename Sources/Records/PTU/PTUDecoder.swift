/// Turns T2 records into events, batch by batch, carrying the overflow count from one batch to
/// the next: the streaming core under `PTUReader` and `PTUFollower`.
///
/// A record's time is (overflow periods so far × overflow period + its time tag) × the global
/// resolution, in picoseconds. The decoder keeps the start of the current overflow period in
/// picoseconds and checks it once per overflow record, so decoding a photon, sync or marker is a
/// multiply and an add that cannot overflow, with no allocation: a batch goes from a byte buffer
/// into a caller's event buffer.
///
/// Records the format leaves undefined (HydraHarp-family special records with channel codes
/// 16–62, PicoHarp 300 channels 5–14) are skipped and counted in `ignoredRecords`, as
/// PicoQuant's readers skip them.
public struct PTUDecoder: Sendable {
    /// The record type and time-tag unit.
    public let format: PTUT2Format
    /// The byte offset in the file of the next record to decode (for error messages).
    public private(set) var nextRecordOffset: Int
    /// Records decoded so far, of every kind.
    public private(set) var recordsDecoded = 0
    /// Overflow records read so far.
    public private(set) var overflowRecords = 0
    /// Overflow periods they stand for (HydraHarp V2 and later count several in one record).
    public private(set) var overflowPeriods: Int64 = 0
    /// Records skipped because the format defines no meaning for them.
    public private(set) var ignoredRecords = 0
    /// The start of the current overflow period, in picoseconds; never above `periodStartLimit`.
    public private(set) var periodStartPicoseconds: Int64 = 0
    /// The largest period start for which every value of the time-tag field still gives a time
    /// inside Int64 (the field can hold more than one period: 2²⁸ ticks against PicoHarp 300's
    /// 210 698 240).
    private let periodStartLimit: Int64

    /// A decoder at the first record, `firstRecordOffset` bytes into the file (the header's
    /// `recordsOffset`).
    public init(format: PTUT2Format, firstRecordOffset: Int) {
        self.format = format
        nextRecordOffset = firstRecordOffset
        // The largest time-tag field (2²⁸ ticks) times at most 1 µs (PTUT2Format's bound) is
        // 2.7e14 ps, so neither this product nor the difference overflows.
        periodStartLimit = Int64.max - format.recordType.timeTagFieldTicks * format.globalResolutionPicoseconds
    }

    /// Decodes whole records from the start of `records` into `events`, as many as both allow
    /// (every record yields at most one event), and returns how many records it consumed and
    /// how many events it wrote. Bytes after the last whole record are left for the next call.
    ///
    /// Throws `timeOutOfRange` at an overflow record that takes the time past Int64 picoseconds;
    /// the events before it are written, and the decoder should not be used after an error.
    public mutating func decode(_ records: UnsafeRawBufferPointer,
                                into events: UnsafeMutableBufferPointer<PTUEvent>) throws(PTUError) -> (records: Int, events: Int) {
        let count = min(records.count / 4, events.count)
        guard count > 0, let source = records.baseAddress, let destination = events.baseAddress else { return (0, 0) }
        var written = 0
        var consumed = 0
        defer {
            recordsDecoded += consumed
            nextRecordOffset += 4 * consumed
        }
        if format.recordType.isPicoHarpLayout {
            try decodePicoHarp(source, count: count, into: destination, written: &written, consumed: &consumed)
        } else {
            try decodeHydraHarp(source, count: count, into: destination, written: &written, consumed: &consumed)
        }
        return (consumed, written)
    }

    /// The HydraHarp family: bit 31 special, bits 25–30 channel, bits 0–24 time tag.
    private mutating func decodeHydraHarp(_ source: UnsafeRawPointer, count: Int, into destination: UnsafeMutablePointer<PTUEvent>,
                                          written: inout Int, consumed: inout Int) throws(PTUError) {
        let resolution = format.globalResolutionPicoseconds
        let period = format.overflowPeriodPicoseconds
        let limit = periodStartLimit
        let countsOverflows = format.recordType.overflowRecordsCarryCount
        // The loop's state in locals (registers), stored back however the loop ends.
        var start = periodStartPicoseconds
        var overflows = 0, periodsAdded: Int64 = 0, ignored = 0
        var index = 0
        var out = 0
        defer {
            periodStartPicoseconds = start
            overflowRecords += overflows
            overflowPeriods += periodsAdded
            ignoredRecords += ignored
            written = out
            consumed = index
        }
        while index < count {
            let word = UInt32(littleEndian: source.loadUnaligned(fromByteOffset: index &<< 2, as: UInt32.self))
            let timeTag = word & 0x01FF_FFFF
            let channel = UInt8(truncatingIfNeeded: word >> 25) & 0x3F
            // start ≤ Int64.max − 2²⁵·resolution (`periodStartLimit`) and timeTag < 2²⁵, so
            // neither operation overflows.
            let time = start &+ Int64(timeTag) &* resolution
            // Photons, syncs and markers are written without a branch (a slot is written for
            // every record and kept only for events), so the unpredictable photon/sync mix costs
            // no mispredictions; only overflow and undefined records branch.
            let special = word & 0x8000_0000 != 0
            destination[out] = PTUEvent(timePicoseconds: time, kind: special ? (channel == 0 ? .sync : .marker) : .photon,
                                        channel: special ? 0 : channel &+ 1, markerBits: special ? channel : 0)
            if !special || channel <= 15 {
                out &+= 1
            } else if channel == 0x3F {
                let periods = countsOverflows && timeTag != 0 ? Int64(timeTag) : 1
                guard let next = Self.periodStart(start, advancedBy: periods, of: period, limit: limit) else {
                    throw timeOutOfRange(periods: periods, before: overflowPeriods + periodsAdded, recordIndex: index)
                }
                start = next
                overflows &+= 1
                periodsAdded &+= periods   // the periods so far ≤ start / period ≤ 2⁶³ / 2²⁵: no overflow
            } else {
                ignored &+= 1
            }
            index &+= 1
        }
    }

    /// PicoHarp 300: bits 28–31 channel (15: special), bits 0–27 time tag; a special record's
    /// low four time-tag bits are marker bits (none: an overflow). Channel 0 is the sync input.
    private mutating func decodePicoHarp(_ source: UnsafeRawPointer, count: Int, into destination: UnsafeMutablePointer<PTUEvent>,
                                         written: inout Int, consumed: inout Int) throws(PTUError) {
        let resolution = format.globalResolutionPicoseconds
        let period = format.overflowPeriodPicoseconds
        let limit = periodStartLimit
        var start = periodStartPicoseconds
        var overflows = 0, periodsAdded: Int64 = 0, ignored = 0
        var index = 0
        var out = 0
        defer {
            periodStartPicoseconds = start
            overflowRecords += overflows
            overflowPeriods += periodsAdded
            ignoredRecords += ignored
            written = out
            consumed = index
        }
        while index < count {
            let word = UInt32(littleEndian: source.loadUnaligned(fromByteOffset: index &<< 2, as: UInt32.self))
            let timeTag = word & 0x0FFF_FFFF
            let channel = UInt8(truncatingIfNeeded: word >> 28)
            // start ≤ Int64.max − 2²⁸·resolution and timeTag < 2²⁸, so neither operation overflows.
            let time = start &+ Int64(timeTag) &* resolution
            if channel == 0xF {
                let markers = UInt8(truncatingIfNeeded: timeTag & 0xF)
                if markers == 0 {
                    guard let next = Self.periodStart(start, advancedBy: 1, of: period, limit: limit) else {
                        throw timeOutOfRange(periods: 1, before: overflowPeriods + periodsAdded, recordIndex: index)
                    }
                    start = next
                    overflows &+= 1
                    periodsAdded &+= 1
                } else {
                    // A marker's low four time-tag bits carry the marker bits, not time.
                    let markerTime = start &+ Int64(timeTag & ~0xF) &* resolution
                    destination[out] = PTUEvent(timePicoseconds: markerTime, kind: .marker, channel: 0, markerBits: markers)
                    out &+= 1
                }
            } else if channel == 0 {
                destination[out] = PTUEvent(timePicoseconds: time, kind: .sync, channel: 0, markerBits: 0)
                out &+= 1
            } else if channel <= 4 {
                destination[out] = PTUEvent(timePicoseconds: time, kind: .photon, channel: channel, markerBits: 0)
                out &+= 1
            } else {
                ignored &+= 1
            }
            index &+= 1
        }
    }

    /// The period start `periods` overflow periods of `period` ps after `start`, or nil past
    /// `limit` (or past Int64): checked arithmetic, inlined into the loops.
    @inline(__always)
    private static func periodStart(_ start: Int64, advancedBy periods: Int64, of period: Int64, limit: Int64) -> Int64? {
        let (step, stepOverflow) = periods.multipliedReportingOverflow(by: period)
        let (next, sumOverflow) = start.addingReportingOverflow(step)
        return stepOverflow || sumOverflow || next > limit ? nil : next
    }

    /// The error for an overflow record that takes the time past Int64 picoseconds, naming the
    /// record (`recordIndex` records into this batch).
    private func timeOutOfRange(periods: Int64, before: Int64, recordIndex: Int) -> PTUError {
        PTUError(.timeOutOfRange, offset: nextRecordOffset + 4 * recordIndex,
                 "this overflow record (\(periods) period\(periods == 1 ? "" : "s") after \(before)) takes the time past "
                 + "\(Int64.max) ps (about 106 days); expected a measurement shorter than that")
    }
}
