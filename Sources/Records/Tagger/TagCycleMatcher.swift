public import Firmware
import HAL
import Vocabulary

/// Matches a time tagger's events to the cycles of a run record through the sync input, and hands
/// the photons on as the cycles' clicks, as the firmware would have handed on its own.
///
/// The board's trigger drives the tagger's sync input, so the n-th sync (after `skippedSyncs`) is
/// the n-th cycle the firmware ran (cycles are numbered by trigger pulses fired: a slot the loop
/// missed fires no trigger and is no cycle). A cycle begins `triggerLead` before its trigger
/// (`CycleTiming.triggerLead`, so that a gate opening before the trigger is in the cycle) and lasts
/// one trigger period; a photon belongs to the cycle whose span holds its time after its detector's
/// delay (`TagChannelMap`) is taken off. Its timestamp is that time rounded up to whole nanoseconds,
/// the grid of the record's own stamps: on the simulated board (tagger time = board time) a click
/// gets exactly the stamp the board gave it.
///
/// Nothing is dropped silently: photons before the first sync, outside every cycle's span, after
/// the last cycle of the record, or on an input no detector is mapped to, syncs beyond the record's
/// cycles, and gaps between syncs longer than 1.5 periods are all counted in `tally`.
///
/// Streaming: events in time order, any batch size; a cycle's clicks become `ready` (in cycle,
/// then time order) once the sync after the next arrives (a delayed click may still join the
/// cycle before), or at `finish`. Take them from there after each batch and `clearReady()`:
///
/// ```swift
/// matcher.add(batch)
/// for click in matcher.ready { accumulator.add(click) }
/// matcher.clearReady()
/// ```
public struct TagCycleMatcher {
    /// What the matching found.
    public struct Tally: Sendable, Hashable {
        /// Syncs in the file, skipped ones included.
        public var syncs = 0
        /// Syncs skipped at the start (`skippedSyncs`).
        public var syncsSkipped = 0
        /// Syncs matched to a cycle of the record.
        public var syncsMatched = 0
        /// Syncs after the record's last cycle: not the run's, or the record's cycles are too few.
        public var syncsAfterRun = 0
        /// Gaps between consecutive syncs longer than 1.5 trigger periods (missed slots of the loop,
        /// or syncs the tagger lost), and the longest, in trigger periods.
        public var longGaps = 0
        public var longestGapPeriods = 0.0
        /// Photons handed on as clicks.
        public var clicks = 0
        /// Photons before the first matched cycle began.
        public var photonsBeforeFirstCycle = 0
        /// Photons later than one trigger period after their cycle began (no sync followed in time).
        public var photonsOutsideCycles = 0
        /// Photons after the record's last cycle.
        public var photonsAfterRun = 0
        /// Photons on a tagger input no detector is mapped to.
        public var photonsOnUnmappedInputs = 0
        /// Marker events (not used).
        public var markers = 0
        /// Cycles of each setting that a sync was matched to.
        public var cyclesPerSetting: [Int] = []

        /// A tally for `settings` settings.
        public init(settings: Int) { cyclesPerSetting = Array(repeating: 0, count: settings) }
    }

    /// What the matching found so far.
    public var tally: Tally {
        var tally = counts
        // Cycles run one setting after another: the matched ones fill the settings in order.
        var start = 0
        for (index, end) in stepEnds.enumerated() {
            tally.cyclesPerSetting[index] = max(0, min(end, counts.syncsMatched) - start)
            start = end
        }
        return tally
    }
    /// The tally as it runs (all but the cycles per setting, which `tally` derives).
    var counts: Tally
    /// The record's cycles in all.
    public let recordCycles: Int

    let map: TagChannelMap
    /// Per setting: where its cycles end (exclusive, cumulative), its codes or random choice, and
    /// how long before its trigger its cycle begins, in picoseconds.
    let stepEnds: [Int]
    let stepCodes: [BasisCodes]
    let stepChoices: [RandomBasisChoice?]
    let stepLeadPicoseconds: [Int64]
    /// The current setting's: where its cycles end, its lead, its random codes (empty: fixed).
    var settingEnds = 0
    var settingLead: Int64 = 0
    var settingCodesA: [UInt8] = []
    var settingCodesB: [UInt8] = []
    /// More than this between two syncs is a long gap (1.5 periods).
    let longGapPicoseconds: Int64
    let periodPicoseconds: Int64
    let skippedSyncs: Int
    var draws: RandomBasisDraws
    /// The channel of each tagger input 0…255, −1 for none.
    let detectorOfInput: [Int8]
    let largestDelayPicoseconds: Int64

    /// The current cycle (−1 before the first matched sync), its setting, codes, and when the
    /// current and the previous cycle began.
    var cycle: Int64 = -1
    var setting = 0
    var codes = BasisCodes(armA: 0, armB: 0)
    var previousCodes = BasisCodes(armA: 0, armB: 0)
    var previousSetting = 0
    var cycleStart: Int64 = .min
    var previousCycleStart: Int64 = .min
    var lastSync: Int64 = .min
    /// Every click not yet taken, in cycle and then time order: those of finished cycles (the
    /// first `finishedCount`), then the previous cycle's (from `previousStart`), then the
    /// current cycle's (from `currentStart`).
    var clicks: [ClickEvent] = []
    var finishedCount = 0
    var previousStart = 0
    var currentStart = 0
    /// The delay of each detector (by raw value), in picoseconds.
    let delayOfDetector: [Int64]
    /// Photons past the current cycle's span, waiting for the next sync: a cycle begins
    /// `triggerLead` before its trigger, so its first photons come before its sync.
    var early: [(time: Int64, channel: DetectorChannel)] = []
    var earlyScratch: [(time: Int64, channel: DetectorChannel)] = []

    /// A matcher for a record of `schedule` whose settings ran `cyclesPerSetting` cycles, with the
    /// tagger wired as `map`, skipping the first `skippedSyncs` syncs of the file.
    ///
    /// - Throws: the problems with `map` (two detectors on one input) and delays the matching
    ///   cannot take: negative, or so long that with the trigger lead they pass a period.
    public init(schedule: CycleSchedule, cyclesPerSetting: [Int], map: TagChannelMap, skippedSyncs: Int = 0) throws(TagMatchError) {
        var problems = map.problems
        let period = schedule.timing.triggerPeriod.nanoseconds * 1_000
        let leads = schedule.steps.map { $0.timing(in: schedule.timing).triggerLead.nanoseconds * 1_000 }
        for channel in DetectorChannel.allCases {
            let delay = map.delaysPicoseconds[channel]
            if delay < 0 {
                problems.append("\(channel.label) delay \(delay) ps: delays are how much later a detector's clicks reach the tagger; "
                    + "give them relative to the fastest detector, all zero or more")
            } else if delay + (leads.max() ?? 0) >= period {
                problems.append("\(channel.label) delay \(delay) ps: with the trigger lead it reaches the next cycle (period \(period) ps)")
            }
        }
        if skippedSyncs < 0 { problems.append("syncs to skip: \(skippedSyncs) is negative") }
        guard problems.isEmpty else { throw TagMatchError(problems: problems) }
        self.map = map
        periodPicoseconds = period
        stepLeadPicoseconds = leads
        var end = 0
        stepEnds = schedule.steps.indices.map { index in
            end += index < cyclesPerSetting.count ? cyclesPerSetting[index] : 0
            return end
        }
        recordCycles = end
        stepCodes = schedule.steps.map(\.codes)
        stepChoices = schedule.steps.map(\.randomBasis)
        draws = RandomBasisDraws(basisSeed: schedule.basisSeed)
        self.skippedSyncs = skippedSyncs
        var detectorOfInput = [Int8](repeating: -1, count: 256)
        for channel in DetectorChannel.allCases { detectorOfInput[Int(map.inputs[channel])] = Int8(channel.rawValue) }
        self.detectorOfInput = detectorOfInput
        largestDelayPicoseconds = DetectorChannel.allCases.map { map.delaysPicoseconds[$0] }.max() ?? 0
        counts = Tally(settings: schedule.steps.count)
        longGapPicoseconds = period + period / 2
        delayOfDetector = DetectorChannel.allCases.map { map.delaysPicoseconds[$0] }
        settingEnds = stepEnds.first ?? 0
        enter(setting: 0)
        clicks.reserveCapacity(1 << 16)
    }

    /// Caches setting `index`'s lead and random codes.
    mutating func enter(setting index: Int) {
        guard index < stepEnds.count else { return }
        setting = index
        settingEnds = stepEnds[index]
        settingLead = stepLeadPicoseconds[index]
        settingCodesA = stepChoices[index]?.codesA ?? []
        settingCodesB = stepChoices[index]?.codesB ?? []
    }

    /// Takes the tagger's next events (in time order); finished cycles' clicks go to `ready`.
    public mutating func add(_ events: UnsafeBufferPointer<PTUEvent>) {
        for event in events {
            switch event.kind {
            case .photon: photon(on: event.channel, atPicoseconds: event.timePicoseconds)
            case .sync: sync(atPicoseconds: event.timePicoseconds)
            case .marker: counts.markers += 1
            }
        }
    }

    /// The clicks of finished cycles not yet taken, in cycle and then time order.
    public var ready: ArraySlice<ClickEvent> { clicks[0..<finishedCount] }

    /// Forgets the `ready` clicks (the caller has taken them).
    public mutating func clearReady() {
        guard finishedCount > 0 else { return }
        clicks.removeFirst(finishedCount)
        previousStart -= finishedCount
        currentStart -= finishedCount
        finishedCount = 0
    }

    /// Makes every click `ready`; call once after the last event.
    public mutating func finish() {
        // Photons waiting for a sync that never came: after the run, or outside every cycle.
        if cycle >= Int64(recordCycles) - 1 { counts.photonsAfterRun += early.count } else { counts.photonsOutsideCycles += early.count }
        early.removeAll()
        finishedCount = clicks.count
    }

    /// A sync: the next cycle begins (or a skipped or surplus sync is counted).
    @inline(__always)
    mutating func sync(atPicoseconds time: Int64) {
        counts.syncs += 1
        if lastSync != .min && time - lastSync > longGapPicoseconds {
            counts.longGaps += 1
            counts.longestGapPeriods = max(counts.longestGapPeriods, Double(time - lastSync) / Double(periodPicoseconds))
        }
        lastSync = time
        guard counts.syncs > skippedSyncs else { counts.syncsSkipped += 1; return }
        guard cycle + 1 < Int64(recordCycles) else {
            if cycle + 1 == Int64(recordCycles) { cycle += 1 }   // past the last cycle: its photons are after the run
            counts.syncsAfterRun += 1
            return
        }
        // The previous cycle's clicks can no longer change: they are ready; the current becomes previous.
        finishedCount = currentStart
        previousStart = currentStart
        currentStart = clicks.count
        cycle += 1
        counts.syncsMatched += 1
        previousSetting = setting
        previousCodes = codes
        while Int(cycle) >= settingEnds && setting < stepEnds.count - 1 { enter(setting: setting + 1) }
        if settingCodesA.isEmpty {
            codes = stepCodes[setting]
        } else {
            let (a, b) = draws.next(countA: settingCodesA.count, countB: settingCodesB.count)
            codes = BasisCodes(armA: settingCodesA[a], armB: settingCodesB[b])
        }
        previousCycleStart = cycleStart
        cycleStart = time - settingLead
        if !early.isEmpty {
            swap(&early, &earlyScratch)
            for photon in earlyScratch { place(photon.channel, atPicoseconds: photon.time) }
            earlyScratch.removeAll(keepingCapacity: true)
        }
    }

    /// A photon on tagger input `input`: a click of the cycle whose span holds its delay-corrected time.
    @inline(__always)
    mutating func photon(on input: UInt8, atPicoseconds raw: Int64) {
        let detector = Int(detectorOfInput[Int(input)])
        guard detector >= 0, let channel = DetectorChannel(rawValue: detector) else {
            counts.photonsOnUnmappedInputs += 1
            return
        }
        // On the nanosecond grid of the record's stamps (rounded up, as the board's pins change on
        // cycle edges), before the cycle is chosen, so that both paths agree on it at a boundary.
        let corrected = raw - delayOfDetector[detector]
        let nanoseconds = corrected >= 0 ? (corrected + 999) / 1_000 : corrected / 1_000
        let time = nanoseconds * 1_000
        if cycle >= Int64(recordCycles) { counts.photonsAfterRun += 1; return }
        // Past the current cycle's span: maybe the next cycle's, begun before its sync.
        if cycle < 0 || time - cycleStart >= periodPicoseconds {
            early.append((time, channel))
            return
        }
        place(channel, atPicoseconds: time)
    }

    /// Puts a photon (delay taken off, on the nanosecond grid) into the current or the previous
    /// cycle, whichever span holds it, or counts it as outside every cycle.
    @inline(__always)
    mutating func place(_ channel: DetectorChannel, atPicoseconds time: Int64) {
        let owner: Int64, start: Int64
        if cycle >= 0 && time >= cycleStart {
            (owner, start) = (cycle, cycleStart)
        } else if cycle >= 1 && time >= previousCycleStart {
            (owner, start) = (cycle - 1, previousCycleStart)
        } else {
            counts.photonsBeforeFirstCycle += cycle <= 0 ? 1 : 0
            counts.photonsOutsideCycles += cycle <= 0 ? 0 : 1
            return
        }
        guard time - start < periodPicoseconds else { counts.photonsOutsideCycles += 1; return }
        let stamp = Instant(nanoseconds: time / 1_000)
        counts.clicks += 1
        if owner == cycle {
            let click = ClickEvent(cycle: owner, setting: setting, channel: channel, codes: codes, timestamp: stamp)
            if clicks.count == currentStart || clicks[clicks.count - 1].timestamp <= stamp {
                clicks.append(click)   // the usual case: in time order (equal times: in arrival order)
            } else {
                insert(click, from: currentStart)
            }
        } else {
            let click = ClickEvent(cycle: owner, setting: previousSetting, channel: channel, codes: previousCodes, timestamp: stamp)
            var index = currentStart
            while index > previousStart && Self.precedes(click, clicks[index - 1]) { index -= 1 }
            clicks.insert(click, at: index)
            currentStart += 1
        }
    }

    /// Inserts `click` in time order among the clicks from `start` on.
    mutating func insert(_ click: ClickEvent, from start: Int) {
        var index = clicks.count
        while index > start && Self.precedes(click, clicks[index - 1]) { index -= 1 }
        clicks.insert(click, at: index)
    }

    /// Cycle, then time, then detector order.
    static func precedes(_ one: ClickEvent, _ other: ClickEvent) -> Bool {
        (one.cycle, one.timestamp.nanoseconds, one.channel.rawValue) < (other.cycle, other.timestamp.nanoseconds, other.channel.rawValue)
    }
}

/// Why a tagger's file cannot be matched to a record as asked.
public struct TagMatchError: Error, CustomStringConvertible {
    /// Each problem, with its numbers.
    public var problems: [String]
    public var description: String { problems.joined(separator: "; ") }
}
