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

    /// Reads and checks the record at `path`: magic, version, header, every record's check sum,
    /// kind, channel, setting and cycle order, and the end record. Any mistake is a
    /// `RunRecordError` naming the byte offset; nothing traps.
    public static func read(contentsOf path: String) throws(RunRecordError) -> RunRecord {
        try parse(RunRecordScan.bytes(contentsOf: path), path: path)
    }

    /// Parses a record's bytes; `path` only labels errors. The whole file must be intact and end
    /// with its end record (`SalvagedRunRecord` reads what a crash left).
    public static func parse(_ bytes: [UInt8], path: String) throws(RunRecordError) -> RunRecord {
        let scan = try RunRecordScan(bytes, path: path)
        if let stop = scan.stop { throw stop }
        guard let record = scan.record else {
            throw RunRecordError(
                path: path, offset: bytes.count,
                message: "no end record: the run did not finish writing (a crash?); \(scan.clicks.count) clicks up to cycle \(scan.lastCycle) are intact")
        }
        return record
    }
}
