public import Experiments
import Firmware
public import HAL
import Vocabulary

/// The figures of a run whose clicks a time tagger stamped: the run record gives the experiment,
/// its schedule and each setting's cycles; the tagger's PTU file gives the clicks, matched to the
/// cycles by its sync input (`TagCycleMatcher`), into the same `ExperimentAccumulator` the live run
/// and `RecordAnalysis` use.
public struct TaggedRecordAnalysis {
    /// What the matching found.
    public var tally: TagCycleMatcher.Tally
    /// The record's own clicks (from the board's GPIO click lines, if they are wired) compared with
    /// the tags: how many have a tagged click of the same detector in the same cycle. A sync
    /// matched to the wrong cycle shows here as agreement near chance.
    public var crossCheck: CrossCheck?
    /// The figures.
    public var findings: ExperimentFindings

    /// The record's clicks found among the tags.
    public struct CrossCheck: Sendable, Hashable {
        /// Clicks in the record within the matched cycles.
        public var recordClicks: Int
        /// Of those, how many the tags hold (same cycle, same detector).
        public var foundInTags: Int
        /// `foundInTags / recordClicks`.
        public var fraction: Double { recordClicks == 0 ? 1 : Double(foundInTags) / Double(recordClicks) }
    }

    /// Matches the events `read` appends batch by batch to an empty array (returning how many;
    /// 0 is the end) against
    /// `record`, with the tagger wired as `map`, a coincidence window other than the recorded one
    /// if given, and the first `skippedSyncs` syncs left out.
    public init(record: RunRecord, map: TagChannelMap, skippedSyncs: Int = 0, coincidenceWindow: TimeSpan? = nil,
                read: (inout [PTUEvent]) throws -> Int) throws {
        var experiment = record.header.experiment
        if let coincidenceWindow { experiment.timing.coincidenceWindow = coincidenceWindow }
        let schedule = record.header.schedule
        var matcher = try TagCycleMatcher(schedule: schedule, cyclesPerSetting: record.cyclesPerSetting, map: map,
                                          skippedSyncs: skippedSyncs)
        var sink = CheckingSink(accumulator: ExperimentAccumulator(definition: experiment, settingCount: schedule.steps.count),
                                recordClicks: record.clicks)
        var events: [PTUEvent] = []
        events.reserveCapacity(1 << 16)
        while true {
            events.removeAll(keepingCapacity: true)
            guard try read(&events) > 0 else { break }
            events.withUnsafeBufferPointer { matcher.add($0) }
            for click in matcher.ready { sink.add(click) }
            matcher.clearReady()
        }
        matcher.finish()
        for click in matcher.ready { sink.add(click) }
        sink.accumulator.finish()
        let tally = matcher.tally
        sink.accumulator.setTriggerCycles(tally.cyclesPerSetting)
        let matchedCycles = tally.cyclesPerSetting.reduce(0, +)
        sink.finish(upTo: Int64(matchedCycles))
        // Board time: the record's, scaled to the cycles matched when the tags cover fewer.
        var boardSeconds = Double(record.boardNanoseconds) * 1e-9
        if matchedCycles < matcher.recordCycles { boardSeconds *= Double(matchedCycles) / Double(max(matcher.recordCycles, 1)) }
        var findings = ExperimentAnalysis.findings(experiment: experiment, schedule: schedule, accumulator: sink.accumulator,
                                                   boardSeconds: boardSeconds)
        let crossCheck = record.clicks.isEmpty ? nil : CrossCheck(recordClicks: sink.checked, foundInTags: sink.found)
        findings.notes += Self.notes(tally, recordCycles: matcher.recordCycles, crossCheck: crossCheck)
        self.tally = tally
        self.crossCheck = crossCheck
        self.findings = findings
    }

    /// The batches of a whole file, for `read`.
    public static func batches(of reader: PTUReader) -> (inout [PTUEvent]) throws -> Int {
        var scratch = [PTUEvent](repeating: PTUEvent(timePicoseconds: 0, kind: .sync), count: 1 << 16)
        return { events in
            let count = try reader.read(into: &scratch)
            events.append(contentsOf: scratch[0..<count])
            return count
        }
    }

    /// What the matching found that the figures depend on, as notes for the findings.
    static func notes(_ tally: TagCycleMatcher.Tally, recordCycles: Int, crossCheck: CrossCheck?) -> [String] {
        var notes = ["clicks from a time tagger's file, matched to the record's cycles by its sync input: \(tally.syncsMatched) "
            + "of \(recordCycles) cycles matched, \(tally.clicks) clicks"]
        if tally.syncsMatched < recordCycles {
            notes.append("\(recordCycles - tally.syncsMatched) cycles of the record have no sync in the tags (the tagger stopped "
                + "early or lost syncs): the figures cover the \(tally.syncsMatched) matched cycles only")
        }
        if tally.syncsAfterRun > 0 {
            notes.append("\(tally.syncsAfterRun) syncs after the record's last cycle were not used (\(tally.photonsAfterRun) photons)")
        }
        if tally.syncsSkipped > 0 { notes.append("the first \(tally.syncsSkipped) syncs were skipped as asked") }
        if tally.longGaps > 0 {
            notes.append("\(tally.longGaps) gaps between syncs were longer than 1.5 trigger periods (longest "
                + "\(String(format: "%.1f", tally.longestGapPeriods)) periods): slots the loop missed, or syncs the tagger lost")
        }
        let outside = tally.photonsBeforeFirstCycle + tally.photonsOutsideCycles + tally.photonsOnUnmappedInputs
        if outside > 0 {
            notes.append("photons not in any cycle: \(tally.photonsBeforeFirstCycle) before the first, \(tally.photonsOutsideCycles) "
                + "more than a period after their cycle began, \(tally.photonsOnUnmappedInputs) on inputs no detector is mapped to")
        }
        if let crossCheck {
            notes.append("cross-check: \(crossCheck.foundInTags) of the record's \(crossCheck.recordClicks) GPIO clicks in matched "
                + "cycles have a tagged click of the same detector in the same cycle (\(String(format: "%.1f", 100 * crossCheck.fraction)) %)")
        }
        return notes
    }
}

/// Feeds the accumulator and checks, cycle by cycle, the record's own clicks against the tags.
struct CheckingSink {
    var accumulator: ExperimentAccumulator
    let recordClicks: [ClickEvent]
    var next = 0
    var checked = 0
    var found = 0
    /// The detectors tagged in `cycle` so far.
    var cycle: Int64 = -1
    var tagged: UInt8 = 0

    mutating func add(_ event: ClickEvent) {
        accumulator.add(event)
        guard !recordClicks.isEmpty else { return }
        if event.cycle != cycle {
            finish(upTo: event.cycle)
            cycle = event.cycle
        }
        tagged |= 1 << UInt8(event.channel.rawValue)
    }

    /// Compares the record's clicks of every cycle before `end` with the tags of those cycles.
    mutating func finish(upTo end: Int64) {
        while next < recordClicks.count, recordClicks[next].cycle < end {
            let click = recordClicks[next]
            checked += 1
            if click.cycle == cycle && tagged & (1 << UInt8(click.channel.rawValue)) != 0 { found += 1 }
            next += 1
        }
        if end > cycle { tagged = 0 }
    }
}
