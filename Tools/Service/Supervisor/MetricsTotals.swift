import Composition
import Firmware
import Vocabulary

/// The counters `/metrics` shows, summed over the service's life: every ended run's final counts,
/// to which the run in progress adds what it has published so far.
struct MetricsTotals: Sendable {
    struct Counts: Sendable {
        var singles = PerChannel<Int>.zero
        var coincidences = PerPair<Int>.zero
    }

    var cycles = 0
    var overruns = 0
    var missedSlots = 0
    var lostEdges = 0
    var clickRingDrops = 0
    var latenessCumulative = Array(repeating: 0, count: LiveFigures.latenessBoundsNanoseconds.count)
    var latenessSumNanoseconds: Int64 = 0
    var latenessCount = 0
    /// By setting label, in the order first seen.
    var settingOrder: [String] = []
    var settings: [String: Counts] = [:]
    var runsEnded: [String: Int] = [:]

    /// Adds `counts` to setting `label`.
    mutating func add(_ counts: Counts, to label: String) {
        if settings[label] == nil { settingOrder.append(label) }
        var total = settings[label] ?? Counts()
        for channel in DetectorChannel.allCases { total.singles[channel] += counts.singles[channel] }
        for pair in DetectorPair.allCases { total.coincidences[pair] += counts.coincidences[pair] }
        settings[label] = total
    }

    /// Adds the loop's figures and lateness of `reading`.
    mutating func addLoop(of reading: LiveReading) {
        overruns += reading.loop.overruns
        missedSlots += reading.loop.missedSlots
        lostEdges += reading.loop.lostEdges
        clickRingDrops += reading.loop.clickEventsDropped
        for index in latenessCumulative.indices where index < reading.latenessCumulativeCounts.count {
            latenessCumulative[index] += reading.latenessCumulativeCounts[index]
        }
        latenessSumNanoseconds += reading.latenessSumNanoseconds
        latenessCount += reading.latenessSamples
    }

    /// These totals with a run in progress added: its published counts by setting label and its loop.
    func adding(_ reading: LiveReading, labels: [String]) -> MetricsTotals {
        var total = self
        total.cycles += reading.loop.cycles
        total.addLoop(of: reading)
        for (label, setting) in zip(labels, reading.settings) {
            total.add(Counts(singles: setting.singles, coincidences: setting.coincidences), to: label)
        }
        return total
    }

    /// As `/metrics` takes it.
    func snapshot(state: APIv1.ServiceState, interlockOpen: Bool) -> MetricsSnapshot {
        var snapshot = MetricsSnapshot()
        snapshot.cycles = cycles
        snapshot.overruns = overruns
        snapshot.missedSlots = missedSlots
        snapshot.lostEdges = lostEdges
        snapshot.clickRingDrops = clickRingDrops
        snapshot.settings = settingOrder.map { label in
            let counts = settings[label] ?? Counts()
            return .init(setting: label,
                         singles: DetectorChannel.allCases.map { ($0.label, counts.singles[$0]) },
                         coincidences: DetectorPair.allCases.map { ($0.label, counts.coincidences[$0]) })
        }
        snapshot.latenessBuckets = zip(LiveFigures.latenessBoundsNanoseconds, latenessCumulative).map { (Double($0) / 1e9, $1) }
        snapshot.latenessSumSeconds = Double(latenessSumNanoseconds) / 1e9
        snapshot.latenessCount = latenessCount
        snapshot.interlockOpen = interlockOpen
        snapshot.state = state
        snapshot.runsEnded = runsEnded.keys.sorted().map { ($0, runsEnded[$0] ?? 0) }
        return snapshot
    }
}
