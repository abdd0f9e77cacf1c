public import Analysis
public import Firmware
public import Vocabulary
public import HAL

/// Counts an experiment's clicks as they arrive, cycle by cycle, in the form every figure needs:
/// per-setting singles and coincidences, the A–B time correlation, and what the kind asks for
/// (`Gathering`: BBM92 detections, HBT peak areas).
///
/// The live pipeline feeds it from the firmware's click ring; `qdot analyze` feeds it from a
/// record file. Both see the same events in the same order, so both reach the same figures.
/// Singles and coincidences follow the firmware's own rule (`CoincidenceRule`), so they equal the
/// firmware's tallies.
public struct ExperimentAccumulator: Sendable {
    /// Per setting, in schedule order: singles and coincidence counts. A cycle's clicks join them
    /// when the cycle closes (at its successor's first click, or at `finish`).
    public var settings: [SettingCounts] {
        var all = settingsClosed
        if countingSetting >= 0 { all[countingSetting] += counting }
        return all
    }
    /// `settings` without the counts of the setting being counted (`countingSetting`, -1 for none),
    /// which are in `counting` until the clicks of another setting come or the run finishes:
    /// counting a closed cycle into a plain value in place costs no array uniqueness check, no
    /// bounds check and no copy of the counts per cycle (as the firmware's `CycleLoop` tallies).
    private var settingsClosed: [SettingCounts]
    private var countingSetting = -1
    private var counting = SettingCounts()
    /// The number of settings (what `add` checks a click's setting against).
    @usableFromInline let settingCount: Int
    /// BBM92 detections (when gathered): cycles with exactly one click in each arm, in coincidence,
    /// counted by bases and bits (memory flat in the run's length).
    public private(set) var detections = BBM92.DetectionTally()
    /// HBT peak areas of arm A and arm B, by cycle offset −K … K of the − click after the + click
    /// (only the zero offset when not gathered).
    private var hbtPeaks: [[Int]]
    /// Histogram of t(B) − t(A) of the first clicks of each cycle, 1 ns bins from −range to +range.
    public private(set) var correlationHistogram: [Int]
    /// Half width of `correlationHistogram`, in nanoseconds.
    public let histogramRangeNanoseconds: Int64
    /// Events consumed.
    public var eventsSeen: Int { eventCount }
    /// Events whose setting index is outside the schedule (counted, not used).
    public var eventsOutsideSchedule: Int { eventsOutsideScheduleCount }

    /// Coincidences counted so far, over every setting (the cycle still open not included).
    public var totalCoincidences: Int {
        settingsClosed.reduce(0) { $0 + $1.totalCoincidences } + counting.totalCoincidences
    }

    let rule: CoincidenceRule
    /// Gate mode: the side-cycle pairs that measure the accidentals (nil in window mode).
    var sideCycles: SideCycleTally?
    /// Whether `sideCycles` is set, asked per closed cycle: asking the optional itself was a call to
    /// an outlined enum-tag check of the 160-byte tally.
    let countsSideCycles: Bool
    let window: Int64
    let period: Int64
    let sidePeaks: Int
    /// Only g2 needs the HBT pairs across cycles, only BBM92 the detections; other kinds skip that work.
    @usableFromInline let countsHanburyBrownTwiss: Bool
    let gathersDetections: Bool
    let basisOfCodeA: [BBM92.Basis?]
    let basisOfCodeB: [BBM92.Basis?]
    // What `add` touches is usable from inline code, so the live pipeline's per-click loop (in
    // another module) inlines it: the call's register saves and restores were about a tenth of a
    // click's cost.
    @usableFromInline var eventCount = 0
    @usableFromInline var eventsOutsideScheduleCount = 0
    @usableFromInline var cycle: Int64 = -1
    @usableFromInline var setting = 0
    @usableFromInline var codes = BasisCodes(armA: 0, armB: 0)
    /// The clicks of cycle `cycle`, not yet in the counts.
    @usableFromInline var open = CycleClicks()
    /// Recent clicks of the four channels (cycle, time), for the HBT peaks.
    var recent: [[(cycle: Int64, time: Int64)]] = [[], [], [], []]

    /// An empty accumulator for `definition`'s schedule of `settingCount` settings.
    public init(definition: ExperimentDefinition, settingCount: Int) {
        settingsClosed = Array(repeating: SettingCounts(), count: settingCount)
        self.settingCount = settingCount
        window = definition.timing.coincidenceWindow.nanoseconds
        rule = definition.timing.coincidenceRule
        sideCycles = definition.timing.coincidenceMode.sideCycles.map { SideCycleTally(sideCycles: $0) }
        countsSideCycles = sideCycles != nil
        period = definition.timing.triggerPeriod.nanoseconds
        let gathering = definition.kind.gathering
        if let sidePeaks = gathering.hanburyBrownTwissSidePeaks {
            countsHanburyBrownTwiss = true
            self.sidePeaks = sidePeaks
        } else {
            countsHanburyBrownTwiss = false
            sidePeaks = 0   // only the zero-offset bin, never filled
        }
        gathersDetections = gathering.keyDetections
        hbtPeaks = Array(repeating: Array(repeating: 0, count: 2 * sidePeaks + 1), count: 2)
        histogramRangeNanoseconds = max(20, min(1_000, 4 * window))
        correlationHistogram = Array(repeating: 0, count: Int(2 * histogramRangeNanoseconds + 1))
        func bases(_ arm: AnalyzerArm) -> [BBM92.Basis?] {
            definition.analyzer.bases(of: arm).map { basis in
                switch basis.canonical {
                case .horizontalVertical: .rectilinear
                case .diagonalAntidiagonal: .diagonal
                default: nil
                }
            }
        }
        basisOfCodeA = bases(.a)
        basisOfCodeB = bases(.b)
    }

    /// Takes one click; clicks arrive in cycle order. (Inlined, like `RunRecordWriter.write`, into
    /// the live pipeline's per-click loop.)
    @inlinable @inline(__always)
    public mutating func add(_ event: ClickEvent) {
        eventCount &+= 1   // (wrapping: no run sees 2⁶³ events; no overflow test per click)
        // One unsigned comparison for 0 ≤ setting < count (a negative setting is a huge unsigned one).
        guard UInt(bitPattern: event.setting) < UInt(bitPattern: settingCount) else {
            eventsOutsideScheduleCount += 1
            return
        }
        if event.cycle != cycle {
            closeCycle()
            cycle = event.cycle
            setting = event.setting
            codes = event.codes
        }
        let time = event.timestamp.nanoseconds
        open.record(event.channel, nanoseconds: time)
        if countsHanburyBrownTwiss { hanburyBrownTwiss(channel: event.channel.rawValue, time: time) }
    }

    /// The HBT peak areas of `arm`'s two detectors, by cycle offset −K … K of the − click after
    /// the + click.
    public func hanburyBrownTwissPeaks(of arm: AnalyzerArm) -> [Int] { hbtPeaks[arm == .a ? 0 : 1] }

    /// Closes the last cycle; call once when no more clicks will come.
    public mutating func finish() {
        closeCycle()
        cycle = -1
        stopCounting()
    }

    /// Sets each setting's trigger-cycle count (known only from the firmware's tallies).
    public mutating func setTriggerCycles(_ cycles: [Int]) {
        stopCounting()
        for (index, count) in cycles.enumerated() where index < settingCount { settingsClosed[index].triggerCycles = count }
    }

    /// Adds the counts of the setting being counted to `settingsClosed`; none is being counted after.
    mutating func stopCounting() {
        guard countingSetting >= 0 else { return }
        settingsClosed[countingSetting] += counting
        counting = SettingCounts()
        countingSetting = -1
    }

    /// Adds the open cycle's singles, coincidences, correlation-histogram entry and BBM92 detection
    /// to the counts, and empties it.
    @usableFromInline
    mutating func closeCycle() {
        guard cycle >= 0 else { return }
        if setting != countingSetting {
            stopCounting()
            countingSetting = setting
        }
        rule.count(open, into: &counting)
        if countsSideCycles {
            sideCycles?.close(cycle: cycle, setting: setting, clicked: open.clickedChannels, into: &counting)
        }
        if open.bothArmsClicked { correlateArms() }
        open.clear()
    }

    /// For a cycle in which both arms clicked: the A–B delay of each arm's first detector to click
    /// goes into the correlation histogram, and the cycle is a BBM92 detection when each arm had
    /// one detector click, within the window, with both basis codes naming a BBM92 basis.
    mutating func correlateArms() {
        guard let a = open.firstClickedChannel(in: .a), let b = open.firstClickedChannel(in: .b),
              let timeA = open.firstClickNanoseconds(of: a), let timeB = open.firstClickNanoseconds(of: b) else { return }
        let delay = timeB - timeA
        if abs(delay) <= histogramRangeNanoseconds { correlationHistogram[Int(delay + histogramRangeNanoseconds)] += 1 }
        if gathersDetections, !open.hasDoubleClick, rule.coincide(DetectorPair(a.output, b.output), in: open),
           Int(codes.armA) < basisOfCodeA.count, Int(codes.armB) < basisOfCodeB.count,
           let basisA = basisOfCodeA[Int(codes.armA)], let basisB = basisOfCodeB[Int(codes.armB)] {
            detections.add(BBM92.Detection(basisA: basisA, basisB: basisB, bitA: a.output == .plus ? 0 : 1,
                                              bitB: b.output == .plus ? 0 : 1))
        }
    }

    /// Pairs a click with the earlier clicks of its arm's other detector within `sidePeaks`
    /// cycles: offset k = cycle(−) − cycle(+), counted when |t(−) − t(+) − k·T| ≤ window.
    @usableFromInline
    mutating func hanburyBrownTwiss(channel: Int, time: Int64) {
        let other = channel ^ 1
        let arm = channel >> 1
        let oldest = cycle - Int64(sidePeaks)
        prune(channel, keepingFrom: oldest)
        prune(other, keepingFrom: oldest)
        for earlier in recent[other] {
            let plusFirst = channel & 1 == 1   // this click is the − detector's
            let offset = plusFirst ? cycle - earlier.cycle : earlier.cycle - cycle
            let delay = plusFirst ? time - earlier.time : earlier.time - time
            // Window mode: the − click at k periods after the + click, within the window; gate
            // mode: cycle k after, wherever in its gate.
            if rule.mode != .window || abs(delay - offset * period) <= window { hbtPeaks[arm][Int(offset) + sidePeaks] += 1 }
        }
        recent[channel].append((cycle, time))
    }

    /// Forgets the clicks of `list` older than cycle `oldest`.
    mutating func prune(_ list: Int, keepingFrom oldest: Int64) {
        guard let first = recent[list].first, first.cycle < oldest else { return }
        if let keep = recent[list].firstIndex(where: { $0.cycle >= oldest }) {
            recent[list].removeFirst(keep)
        } else {
            recent[list].removeAll(keepingCapacity: true)
        }
    }
}

extension ExperimentAccumulator {
    /// An accumulator that holds only `counts`, one per setting (what a run publishes as it goes):
    /// enough for the kinds' analyses to give their figures mid-run. Figures drawn from what only
    /// clicks carry (correlation histogram, HBT peaks, BBM92 detections) are empty.
    public init(definition: ExperimentDefinition, counts: [SettingCounts]) {
        self.init(definition: definition, settingCount: counts.count)
        settingsClosed = counts
    }
}
