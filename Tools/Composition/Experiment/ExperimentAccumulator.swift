public import Analysis
public import Firmware

/// Counts an experiment's clicks as they arrive, cycle by cycle, in the form every figure needs:
/// per-setting singles and coincidences, BBM92 detections, HBT peak areas, the A–B time
/// correlation.
///
/// The live pipeline feeds it from the firmware's click ring; `qdot analyze` feeds it from a
/// record file. Both see the same events in the same order, so both reach the same figures.
/// Coincidences follow the firmware's rule exactly: within one cycle, the first click of an arm-A
/// detector and the first click of an arm-B detector closer than the coincidence window.
public struct ExperimentAccumulator: Sendable {
    /// Per setting, in schedule order: singles and coincidence counts.
    public private(set) var settings: [SettingCounts]
    /// Per setting: cycles in which both detectors of one arm clicked.
    public private(set) var doubleClickCycles: [Int]
    /// BBM92 detections: cycles with exactly one click in each arm, in coincidence.
    public private(set) var detections: [BBM92.Detection] = []
    /// HBT peak areas of arm A and arm B, by cycle offset −K … K of the − click after the + click.
    public private(set) var hbtPeaks: [[Int]]
    /// Histogram of t(B) − t(A) of the first clicks of each cycle, 1 ns bins from −range to +range.
    public private(set) var correlationHistogram: [Int]
    /// Half width of `correlationHistogram`, in nanoseconds.
    public let histogramRangeNanoseconds: Int64
    /// Events consumed.
    public private(set) var eventsSeen = 0
    /// Events whose setting index is outside the schedule (counted, not used).
    public private(set) var eventsOutsideSchedule = 0

    let window: Int64
    let period: Int64
    let sidePeaks: Int
    /// Only g2 needs the HBT pairs across cycles; other kinds skip that work.
    let countsHanburyBrownTwiss: Bool
    let basisOfCodeA: [BBM92.Basis?]
    let basisOfCodeB: [BBM92.Basis?]
    var cycle: Int64 = -1
    var setting = 0
    var codes = BasisCodes(armA: 0, armB: 0)
    var firstClick: [Int64] = [0, 0, 0, 0]
    var clickCount: [Int] = [0, 0, 0, 0]
    /// Recent clicks of the four channels (cycle, time), for the HBT peaks.
    var recent: [[(cycle: Int64, time: Int64)]] = [[], [], [], []]

    /// An empty accumulator for `definition`'s schedule.
    public init(definition: ExperimentDefinition, settingCount: Int) {
        settings = Array(repeating: SettingCounts(), count: settingCount)
        doubleClickCycles = Array(repeating: 0, count: settingCount)
        window = definition.timing.coincidenceWindow.nanoseconds
        period = definition.timing.triggerPeriod.nanoseconds
        sidePeaks = definition.sidePeaks
        countsHanburyBrownTwiss = definition.kind == .g2
        hbtPeaks = Array(repeating: Array(repeating: 0, count: 2 * definition.sidePeaks + 1), count: 2)
        histogramRangeNanoseconds = max(20, min(1_000, 4 * window))
        correlationHistogram = Array(repeating: 0, count: Int(2 * histogramRangeNanoseconds + 1))
        func bases(_ names: [String]) -> [BBM92.Basis?] {
            names.map { name in
                switch AnalyzerCodeTable.canonical(name) {
                case "HV": return .rectilinear
                case "DA": return .diagonal
                default: return nil
                }
            }
        }
        basisOfCodeA = bases(definition.analyzer.armA)
        basisOfCodeB = bases(definition.analyzer.armB)
    }

    /// Takes one click; clicks arrive in cycle order.
    public mutating func add(_ event: ClickEvent) {
        eventsSeen += 1
        guard event.setting >= 0, event.setting < settings.count else { eventsOutsideSchedule += 1; return }
        if event.cycle != cycle {
            closeCycle()
            cycle = event.cycle
            setting = event.setting
            codes = event.codes
        }
        let channel = event.channel.rawValue
        let time = event.timestamp.nanoseconds
        settings[setting].recordSingle(event.channel)
        if clickCount[channel] == 0 { firstClick[channel] = time }
        clickCount[channel] += 1
        if countsHanburyBrownTwiss { hanburyBrownTwiss(channel: channel, time: time) }
    }

    /// Closes the last cycle; call once when no more clicks will come.
    public mutating func finish() {
        closeCycle()
        cycle = -1
    }

    /// Sets each setting's trigger-cycle count (known only from the firmware's tallies).
    public mutating func setTriggerCycles(_ cycles: [Int]) {
        for (index, count) in cycles.enumerated() where index < settings.count { settings[index].triggerCycles = count }
    }

    mutating func closeCycle() {
        guard cycle >= 0 else { return }
        if (clickCount[0] > 0 && clickCount[1] > 0) || (clickCount[2] > 0 && clickCount[3] > 0) {
            doubleClickCycles[setting] += 1
        }
        for a in 0..<2 where clickCount[a] > 0 {
            for b in 2..<4 where clickCount[b] > 0 {
                let separation = firstClick[a] - firstClick[b]
                guard separation <= window && separation >= -window else { continue }
                settings[setting].recordCoincidence(a: DetectorChannel(rawValue: a)!, b: DetectorChannel(rawValue: b)!)
            }
        }
        // The first detector of each arm that clicked, and whether it was the only one.
        let a = clickCount[0] > 0 ? 0 : 1, b = clickCount[2] > 0 ? 2 : 3
        if clickCount[a] > 0, clickCount[b] > 0 {
            let delay = firstClick[b] - firstClick[a]
            if abs(delay) <= histogramRangeNanoseconds { correlationHistogram[Int(delay + histogramRangeNanoseconds)] += 1 }
            let singleA = clickCount[0] == 0 || clickCount[1] == 0, singleB = clickCount[2] == 0 || clickCount[3] == 0
            if singleA, singleB, abs(delay) <= window,
               Int(codes.armA) < basisOfCodeA.count, Int(codes.armB) < basisOfCodeB.count,
               let basisA = basisOfCodeA[Int(codes.armA)], let basisB = basisOfCodeB[Int(codes.armB)] {
                detections.append(BBM92.Detection(basisA: basisA, basisB: basisB, bitA: UInt8(a), bitB: UInt8(b - 2)))
            }
        }
        for channel in 0..<4 { clickCount[channel] = 0 }
    }

    /// Pairs a click with the earlier clicks of its arm's other detector within `sidePeaks`
    /// cycles: offset k = cycle(−) − cycle(+), counted when |t(−) − t(+) − k·T| ≤ window.
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
            if abs(delay - offset * period) <= window { hbtPeaks[arm][Int(offset) + sidePeaks] += 1 }
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
