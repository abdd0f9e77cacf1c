public import HAL

/// One change of one line's electrical level, as a logic analyser would record it.
public struct TraceRecord: Hashable, Sendable, CustomStringConvertible {
    /// When the line changed, on the board's timebase.
    public var time: Instant
    /// Which line.
    public var line: LineID
    /// The electrical level after the change (0 low, 1 high).
    public var level: UInt8

    /// A trace record.
    public init(time: Instant, line: LineID, level: UInt8) {
        self.time = time
        self.line = line
        self.level = level
    }

    public var description: String { "\(time.nanoseconds) ns \(line.index) \(level == 1 ? "↑" : "↓")" }
}

/// Every line change of a simulated run, in time order, with the lines' starting levels.
public struct Trace: Sendable {
    /// The lines, in board order: chip, name and direction.
    public var lines: [SimulatedLineSpec]
    /// Each line's electrical level when recording began.
    public var initialLevels: [UInt8]
    /// The changes, in the order they happened (time order; same-time changes in event order).
    public var records: [TraceRecord]
    /// The board cycle, for the VCD timescale.
    public var cyclePeriodPicoseconds: Int64
    /// Changes not kept because the trace reached its capacity (0 unless a limit was set).
    public var droppedRecords: Int

    /// The changes of one line, by name.
    public func changes(ofLine name: String) -> [TraceRecord] {
        guard let index = lines.firstIndex(where: { $0.name == name }) else { return [] }
        return records.filter { $0.line.index == index }
    }
}
