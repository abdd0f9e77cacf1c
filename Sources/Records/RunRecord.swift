public import Firmware

/// A run record read back: its header, every click in order, the cycles of each setting and
/// whether the run completed.
public struct RunRecord: Sendable {
    /// The header.
    public var header: RunRecordHeader
    /// Every click, in the order the firmware handed them on.
    public var clicks: [ClickEvent]
    /// Cycles run per setting.
    public var cyclesPerSetting: [Int]
    /// Whether the whole schedule ran.
    public var complete: Bool
    /// Board time the run covered, in nanoseconds.
    public var boardNanoseconds: Int64

    /// Reads and checks the record at `path`: magic, version, header (version 3: its CRC-32C and
    /// run ID), every block's CRC-32C, run ID and sequence number (version 3), every record's check
    /// sum, kind, channel, setting and cycle order, and the end record. Any mistake is a
    /// `RunRecordError` naming the byte offset; nothing traps. Holds every click in memory
    /// (`RecordAnalysis.streamedFindings` analyses a record of any length without).
    public static func read(contentsOf path: String) throws(RunRecordError) -> RunRecord {
        try read(RecordByteStream.file(path))
    }

    /// Parses a record's bytes; `path` only labels errors. The whole file must be intact and end
    /// with its end record (`SalvagedRunRecord` reads what a crash left).
    public static func parse(_ bytes: [UInt8], path: String) throws(RunRecordError) -> RunRecord {
        try read(RecordByteStream.bytes(bytes, path: path))
    }

    static func read(_ stream: RecordByteStream) throws(RunRecordError) -> RunRecord {
        var scan = try RunRecordScan(stream)
        var sink = ClickArraySink()
        try scan.scan(into: &sink)
        if let stop = scan.stop { throw stop }
        guard let end = scan.end else {
            throw RunRecordError(
                path: stream.path, offset: stream.offset,
                message: "no end record: the run did not finish writing (a crash?); \(scan.clickCount) clicks up to cycle \(scan.lastCycle) are intact")
        }
        return RunRecord(header: scan.header, clicks: sink.clicks, cyclesPerSetting: scan.cyclesPerSetting,
                         complete: end.complete, boardNanoseconds: end.boardNanoseconds)
    }
}
