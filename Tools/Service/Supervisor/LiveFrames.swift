import Composition
import Experiments
import Firmware
import Vocabulary

/// Turns a run's published figures into live frames: each setting's counts and cycles, rolling
/// 1 s and 10 s windows (rates per board second, the visibility of the setting the loop is on,
/// S where the window holds the four CHSH settings) and the run's figures so far.
///
/// Owned by the sampler thread: one per run, fed one reading every 100 ms.
final class LiveFrames {
    /// One reading kept for the windows.
    struct Sample {
        var wallSeconds: Double
        var boardSeconds: Double
        var settings: [LiveReading.Setting]
    }

    let experiment: ExperimentDefinition
    let schedule: CycleSchedule
    let labels: [String]
    let periodSeconds: Double
    private var samples: [Sample] = []
    private var runFigures = APIv1.Frame.Figures(S: nil, visibility: nil, qber: nil)
    private var framesSinceAnalysis = LiveFrames.analysisEveryFrames   // the first frame analyses
    /// The run's figures are recomputed every this many frames (the analyses cost more than a frame's budget).
    static let analysisEveryFrames = 5
    static let windowSeconds: [Double] = [1, 10]

    init(experiment: ExperimentDefinition, schedule: CycleSchedule) {
        self.experiment = experiment
        self.schedule = schedule
        labels = schedule.steps.map(\.label)
        periodSeconds = schedule.timing.triggerPeriod.seconds
    }

    /// Board seconds of `reading` (missed slots take board time too).
    func boardSeconds(_ reading: LiveReading) -> Double {
        Double(reading.loop.cycles + reading.loop.missedSlots) * periodSeconds
    }

    /// Cycles each step has run after `cycles` cycles in all (steps run in order, round and
    /// round when the schedule repeats).
    func cyclesPerStep(after cycles: Int) -> [Int] {
        let round = max(1, schedule.totalCycles)
        let rounds = schedule.repeatsUntilStopped ? cycles / round : 0
        var left = schedule.repeatsUntilStopped ? cycles % round : cycles
        return schedule.steps.map { step in
            let here = min(left, step.cycles)
            left -= here
            return rounds * step.cycles + here
        }
    }

    /// The frame parts that come from the run's figures, for `reading` at wall time `wallSeconds`.
    func update(_ reading: LiveReading, wallSeconds: Double) -> (settings: [APIv1.Frame.SettingFigures], windows: [APIv1.Frame.Window],
                                                                 figures: APIv1.Frame.Figures, setting: String?) {
        let now = Sample(wallSeconds: wallSeconds, boardSeconds: boardSeconds(reading), settings: reading.settings)
        samples.append(now)
        samples.removeAll { $0.wallSeconds < wallSeconds - Self.windowSeconds.max()! - 0.5 }
        let cycles = cyclesPerStep(after: reading.loop.cycles)
        let step = reading.loop.step
        let settings = zip(labels.indices, reading.settings).map { index, counts in
            APIv1.Frame.SettingFigures(label: labels[index], cycles: cycles[index],
                                       singles: Self.byChannel(counts.singles), coincidences: Self.byPair(counts.coincidences))
        }
        let windows = Self.windowSeconds.compactMap { seconds -> APIv1.Frame.Window? in
            guard let earlier = samples.first(where: { $0.wallSeconds >= wallSeconds - seconds - 0.05 }),
                  now.boardSeconds > earlier.boardSeconds else { return nil }
            return window(from: earlier, to: now, seconds: seconds, step: step)
        }
        framesSinceAnalysis += 1
        if framesSinceAnalysis >= Self.analysisEveryFrames {
            framesSinceAnalysis = 0
            runFigures = figures(of: reading.settings, cycles: cycles)
        }
        return (settings, windows, runFigures, labels.indices.contains(step) ? labels[step] : nil)
    }

    /// Rates and figures between two samples.
    func window(from earlier: Sample, to now: Sample, seconds: Double, step: Int) -> APIv1.Frame.Window {
        let span = now.boardSeconds - earlier.boardSeconds
        var singles = PerChannel<Int>.zero, coincidences = 0
        var difference: [LiveReading.Setting] = []
        for (after, before) in zip(now.settings, earlier.settings) {
            var setting = after
            for channel in DetectorChannel.allCases {
                setting.singles[channel] -= before.singles[channel]
                singles[channel] += setting.singles[channel]
            }
            for pair in DetectorPair.allCases { setting.coincidences[pair] -= before.coincidences[pair] }
            coincidences += setting.coincidences.sum
            difference.append(setting)
        }
        var visibility: Double?
        if difference.indices.contains(step) { visibility = Self.visibility(difference[step].coincidences) }
        // S only where the window holds counts of every setting (alignment over all settings).
        var s: Double?
        if difference.allSatisfy({ $0.coincidences.sum > 0 }) {
            s = figures(of: difference, cycles: Array(repeating: 0, count: difference.count)).S
        }
        return APIv1.Frame.Window(seconds: seconds,
                                  singlesPerSecond: Dictionary(uniqueKeysWithValues: DetectorChannel.allCases.map { ($0.label, Double(singles[$0]) / span) }),
                                  coincidencesPerSecond: Double(coincidences) / span, visibility: visibility, S: s)
    }

    /// |E| = |N++ + N−− − N+− − N−+| / N of one setting's coincidences, nil without any.
    static func visibility(_ counts: PerPair<Int>) -> Double? {
        let total = counts.sum
        guard total > 0 else { return nil }
        let e = Double(counts[.plusPlus] + counts[.minusMinus] - counts[.plusMinus] - counts[.minusPlus]) / Double(total)
        return abs(e)
    }

    /// S, a visibility and a QBER from the kind's own analysis of `settings`' counts.
    func figures(of settings: [LiveReading.Setting], cycles: [Int]) -> APIv1.Frame.Figures {
        let counts = zip(settings, cycles).map { SettingCounts(triggerCycles: $1, singles: $0.singles, coincidences: $0.coincidences) }
        let findings = ExperimentAnalysis.findings(experiment: experiment, schedule: schedule,
                                                   accumulator: ExperimentAccumulator(definition: experiment, counts: counts),
                                                   boardSeconds: 0)
        func value(_ keys: [FigureKey]) -> Double? {
            for key in keys { if let figure = findings.figures.first(where: { $0.key == key }), figure.value.isFinite { return figure.value } }
            return nil
        }
        return APIv1.Frame.Figures(S: value([.chshS]), visibility: value([.visibilityHV, .visibilityDA]), qber: value([.qberHV, .qberDA]))
    }

    static func byChannel(_ values: PerChannel<Int>) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: DetectorChannel.allCases.map { ($0.label, values[$0]) })
    }

    static func byPair(_ values: PerPair<Int>) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: DetectorPair.allCases.map { ($0.label, values[$0]) })
    }
}
