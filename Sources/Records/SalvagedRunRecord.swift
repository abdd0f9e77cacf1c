public import Firmware

/// What can be trusted of a run record that a crash (SIGKILL, OOM, power loss, a trap) may have cut
/// short — the `NAME.qdotrec.partial` such a run leaves: every intact record before the first one
/// that cannot be trusted, and, without an end record, the complete cycles among them.
///
/// Reading stops at a truncated tail, a bad check sum, an unknown kind, channel or setting, or a
/// click out of cycle order (`stop` says where and why, with the byte offset, as `RunRecord`'s errors
/// do). Without an end record the cycles run are unknown: the last click's cycle + 1 is only a lower
/// bound (cycles after it left no click), and the last cycle seen may itself have lost clicks to the
/// cut. So the clicks of that cycle are left out and `record` holds the cycles 0 ..< `cyclesAnalysed`,
/// every click of which is in the file, with each setting's cycles from the schedule (settings run
/// one after another) — exact for that span. With an end record, `record` is what
/// `RunRecord.parse` returns.
public struct SalvagedRunRecord: Sendable {
    /// The record as the analysis takes it. Without an end record: the clicks of the complete cycles,
    /// the cycles per setting of those cycles, `complete` false, and `boardNanoseconds` 0 (unknown:
    /// only the end record holds the board time).
    public var record: RunRecord
    /// Why reading stopped before the end of the file, with the byte offset; nil when every byte was
    /// read (a file cut exactly after a record, or a whole record).
    public var stop: RunRecordError?
    /// Whether the end record was read: the record is whole up to it and nothing had to be salvaged.
    public var hasEndRecord: Bool
    /// Bytes from the file's start to the end of the last intact record.
    public var intactBytes: Int
    /// The file's size in bytes.
    public var fileBytes: Int
    /// Clicks read intact (before `stop`).
    public var intactClicks: Int
    /// The last intact click's cycle + 1 (0 without clicks): a LOWER bound on the cycles the run ran.
    public var cyclesSeen: Int64
    /// The complete cycles analysed, 0 ..< `cyclesAnalysed`: every cycle before the last one seen
    /// (or, with an end record, every cycle run).
    public var cyclesAnalysed: Int64
    /// Clicks of the last cycle seen, left out of the analysis (it may have lost clicks to the cut).
    public var clicksLeftOut: Int

    /// Reads what can be trusted of the record at `path`. Throws only when the file cannot be read or
    /// its preamble or header is damaged (nothing can be analysed without them).
    public static func read(contentsOf path: String) throws(RunRecordError) -> SalvagedRunRecord {
        try read(RecordByteStream.file(path))
    }

    /// Salvages a record's bytes; `path` only labels errors.
    public static func parse(_ bytes: [UInt8], path: String) throws(RunRecordError) -> SalvagedRunRecord {
        try read(RecordByteStream.bytes(bytes, path: path))
    }

    static func read(_ stream: RecordByteStream) throws(RunRecordError) -> SalvagedRunRecord {
        var scan = try RunRecordScan(stream)
        var sink = CycleHoldingSink(ClickArraySink())
        try scan.scan(into: &sink)
        let cyclesSeen = scan.lastCycle + 1
        if let end = scan.end {
            sink.release()
            let record = RunRecord(header: scan.header, clicks: sink.inner.clicks, cyclesPerSetting: scan.cyclesPerSetting,
                                   complete: end.complete, boardNanoseconds: end.boardNanoseconds)
            return SalvagedRunRecord(record: record, stop: scan.stop, hasEndRecord: true, intactBytes: scan.intactBytes,
                                     fileBytes: stream.size, intactClicks: scan.clickCount, cyclesSeen: cyclesSeen,
                                     cyclesAnalysed: end.cycles, clicksLeftOut: 0)
        }
        let cyclesAnalysed = max(0, scan.lastCycle)
        let record = RunRecord(header: scan.header, clicks: sink.inner.clicks,
                               cyclesPerSetting: cyclesPerSetting(firstCycles: cyclesAnalysed, of: scan.header.schedule),
                               complete: false, boardNanoseconds: 0)
        return SalvagedRunRecord(record: record, stop: scan.stop, hasEndRecord: false, intactBytes: scan.intactBytes,
                                 fileBytes: stream.size, intactClicks: scan.clickCount, cyclesSeen: cyclesSeen,
                                 cyclesAnalysed: cyclesAnalysed, clicksLeftOut: sink.held.count)
    }

    /// How the first `cycles` cycles of `schedule` fall on its settings, which run one after another.
    public static func cyclesPerSetting(firstCycles cycles: Int64, of schedule: CycleSchedule) -> [Int] {
        var remaining = cycles
        return schedule.steps.map { step in
            let taken = min(remaining, Int64(max(step.cycles, 0)))
            remaining -= taken
            return Int(taken)
        }
    }
}
