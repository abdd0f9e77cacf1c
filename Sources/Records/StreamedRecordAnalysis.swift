public import Experiments
import Firmware
public import HAL

/// The figures of a run record read front to back, block by block, straight into the analysis: no
/// click is kept, so memory stays flat however long the record is (`qdot analyze` on a 10⁹-cycle
/// record of several gigabytes). The figures are exactly `RecordAnalysis`'s for the same record.
public struct StreamedRecordAnalysis: Sendable {
    /// The record's header.
    public var header: RunRecordHeader
    /// The figures (with `salvage` set when a record without its end record was salvaged).
    public var findings: ExperimentFindings
    /// Clicks taken into the figures.
    public var clicksAnalysed: Int
    /// Cycles per setting the figures cover: the record's totals, or for a salvaged record those of
    /// its complete cycles.
    public var cyclesPerSetting: [Int]
    /// Whether the whole schedule ran (false for a salvaged record).
    public var complete: Bool

    /// Reads and analyses the record at `path`. Strict (`salvage` false): any check that fails,
    /// or a missing end record, is thrown as `RunRecordError`, with `intactClicks` set once the
    /// header was read. With `salvage`: as `SalvagedRunRecord` and `RecordAnalysis` do, only a
    /// damaged preamble or header is thrown.
    public static func analyse(contentsOf path: String, coincidenceWindow: TimeSpan? = nil, salvage: Bool = false)
        throws(RunRecordError) -> StreamedRecordAnalysis {
        try analyse(RecordByteStream.file(path), coincidenceWindow: coincidenceWindow, salvage: salvage)
    }

    /// `analyse(contentsOf:…)` on bytes in memory; `path` only labels errors.
    public static func analyse(_ bytes: [UInt8], path: String, coincidenceWindow: TimeSpan? = nil, salvage: Bool = false)
        throws(RunRecordError) -> StreamedRecordAnalysis {
        try analyse(RecordByteStream.bytes(bytes, path: path), coincidenceWindow: coincidenceWindow, salvage: salvage)
    }

    static func analyse(_ stream: RecordByteStream, coincidenceWindow: TimeSpan?, salvage: Bool)
        throws(RunRecordError) -> StreamedRecordAnalysis {
        var scan = try RunRecordScan(stream)
        let header = scan.header, schedule = header.schedule
        let experiment = RecordAnalysis.experiment(header, coincidenceWindow: coincidenceWindow)
        var sink = CycleHoldingSink(AccumulatingSink(
            accumulator: ExperimentAccumulator(definition: experiment, settingCount: schedule.steps.count)))
        try scan.scan(into: &sink)
        if !salvage {
            if var stop = scan.stop {
                stop.intactClicks = scan.clickCount
                throw stop
            }
            if scan.end == nil {
                throw RunRecordError(
                    path: stream.path, offset: stream.offset,
                    message: "no end record: the run did not finish writing (a crash?); \(scan.clickCount) clicks up to cycle \(scan.lastCycle) are intact",
                    intactClicks: scan.clickCount)
            }
        }
        if let end = scan.end {
            sink.release()
            var accumulator = sink.inner.accumulator
            accumulator.finish()
            accumulator.setTriggerCycles(scan.cyclesPerSetting)
            let findings = ExperimentAnalysis.findings(experiment: experiment, schedule: schedule, accumulator: accumulator,
                                                       boardSeconds: Double(end.boardNanoseconds) * 1e-9)
            return StreamedRecordAnalysis(header: header, findings: findings, clicksAnalysed: sink.inner.clicks,
                                          cyclesPerSetting: scan.cyclesPerSetting, complete: end.complete)
        }
        let cyclesAnalysed = max(0, scan.lastCycle)
        let cyclesPerSetting = SalvagedRunRecord.cyclesPerSetting(firstCycles: cyclesAnalysed, of: schedule)
        var accumulator = sink.inner.accumulator
        accumulator.finish()
        accumulator.setTriggerCycles(cyclesPerSetting)
        let cut = RecordAnalysis.SalvageCut(stop: scan.stop, intactBytes: scan.intactBytes, fileBytes: stream.size,
                                            intactClicks: scan.clickCount, cyclesSeen: scan.lastCycle + 1,
                                            cyclesAnalysed: cyclesAnalysed, clicksAnalysed: sink.inner.clicks,
                                            clicksLeftOut: sink.held.count)
        let findings = RecordAnalysis.salvageFindings(experiment: experiment, accumulator: accumulator, schedule: schedule, cut: cut)
        return StreamedRecordAnalysis(header: header, findings: findings, clicksAnalysed: sink.inner.clicks,
                                      cyclesPerSetting: cyclesPerSetting, complete: false)
    }
}

/// Takes each click into an `ExperimentAccumulator`, counting them.
struct AccumulatingSink: RunRecordSink {
    var accumulator: ExperimentAccumulator
    var clicks = 0

    mutating func take(_ click: ClickEvent) {
        accumulator.add(click)
        clicks += 1
    }
}
