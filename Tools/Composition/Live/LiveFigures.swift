public import Firmware
public import Vocabulary

/// What a run publishes as it goes, for a service to read: the loop's own figures and lateness
/// (written on the loop's thread between cycles) and every setting's counts so far (written by
/// whoever drains the click ring). Two `PublishedSlots`, one writer each; made before the run,
/// so publishing never allocates, never locks and never waits on a reader.
public final class LiveFigures: Sendable {
    /// Upper bounds of the lateness buckets published (and shown as `/metrics` `le` buckets):
    /// 1 µs … 10 ms.
    public static let latenessBoundsNanoseconds: [Int64] = [
        1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000, 200_000, 500_000, 1_000_000, 2_000_000, 5_000_000, 10_000_000,
    ]

    /// The number of settings whose counts are published.
    public let settingCount: Int
    let loop: PublishedSlots
    let counts: PublishedSlots

    // The loop's slots, then the lateness bucket counts.
    static let loopSlots = 11
    static let perSetting = 8   // four singles, four coincidences

    /// Room for the figures of a run with `settingCount` settings.
    public init(settingCount: Int) {
        self.settingCount = settingCount
        loop = PublishedSlots(count: Self.loopSlots + Self.latenessBoundsNanoseconds.count)
        counts = PublishedSlots(count: settingCount * Self.perSetting)
    }

    /// Loop thread: publishes the loop's figures and its lateness so far.
    public func publish(_ figures: LoopFigures, lateness: LatenessHistogram) {
        loop.beginWriting()
        loop.write(figures.cycles, at: 0)
        loop.write(figures.step, at: 1)
        loop.write(figures.overruns, at: 2)
        loop.write(figures.missedSlots, at: 3)
        loop.write(figures.lostEdges, at: 4)
        loop.write(figures.clickEventsDropped, at: 5)
        loop.write(figures.interlockOpen ? 1 : 0, at: 6)
        loop.write(lateness.count, at: 7)
        loop.write(UInt64(bitPattern: lateness.sumNanoseconds), at: 8)
        loop.write(UInt64(bitPattern: lateness.maximumNanoseconds), at: 9)
        loop.write(UInt64(bitPattern: lateness.percentileNanoseconds(0.99)), at: 10)
        lateness.forEachCumulativeCount(atOrBelow: Self.latenessBoundsNanoseconds) { index, count in
            loop.write(count, at: Self.loopSlots + index)
        }
        loop.endWriting()
    }

    /// Drain side: publishes every setting's singles and coincidences so far.
    public func publish(_ settings: [SettingCounts]) {
        counts.beginWriting()
        for (index, setting) in settings.prefix(settingCount).enumerated() {
            let base = index * Self.perSetting
            // By raw value: `allCases` would build an array on every publication.
            for raw in 0..<4 {
                counts.write(setting.singles[DetectorChannel(rawValue: raw)!], at: base + raw)
                counts.write(setting.coincidences[DetectorPair(rawValue: raw)!], at: base + 4 + raw)
            }
        }
        counts.endWriting()
    }

    /// Any thread: a consistent copy of what was published last (each half consistent in itself),
    /// nil when a writer kept writing through every attempt.
    public func read() -> LiveReading? {
        guard let loopSet = loop.read(), let countSet = counts.read() else { return nil }
        func int(_ value: UInt64) -> Int { Int(Int64(bitPattern: value)) }
        func int64(_ value: UInt64) -> Int64 { Int64(bitPattern: value) }
        var settings: [LiveReading.Setting] = []
        for index in 0..<settingCount {
            let base = index * Self.perSetting
            var singles = PerChannel<Int>.zero
            for (offset, channel) in DetectorChannel.allCases.enumerated() { singles[channel] = int(countSet[base + offset]) }
            var coincidences = PerPair<Int>.zero
            for (offset, pair) in DetectorPair.allCases.enumerated() { coincidences[pair] = int(countSet[base + 4 + offset]) }
            settings.append(.init(singles: singles, coincidences: coincidences))
        }
        return LiveReading(
            loop: LoopFigures(cycles: int(loopSet[0]), step: int(loopSet[1]), overruns: int(loopSet[2]), missedSlots: int(loopSet[3]),
                              lostEdges: int(loopSet[4]), clickEventsDropped: int(loopSet[5]), interlockOpen: loopSet[6] != 0),
            latenessSamples: int(loopSet[7]), latenessSumNanoseconds: int64(loopSet[8]),
            latenessMaximumNanoseconds: int64(loopSet[9]), latenessP99Nanoseconds: int64(loopSet[10]),
            latenessCumulativeCounts: loopSet[Self.loopSlots...].map(int),
            settings: settings, loopUpdates: loop.updates)
    }
}

/// One consistent reading of a run's `LiveFigures`.
public struct LiveReading: Sendable, Equatable {
    /// One setting's counts.
    public struct Setting: Sendable, Equatable {
        public var singles: PerChannel<Int>
        public var coincidences: PerPair<Int>
    }

    public var loop: LoopFigures
    public var latenessSamples: Int
    public var latenessSumNanoseconds: Int64
    public var latenessMaximumNanoseconds: Int64
    public var latenessP99Nanoseconds: Int64
    /// Samples at or below each of `LiveFigures.latenessBoundsNanoseconds`.
    public var latenessCumulativeCounts: [Int]
    public var settings: [Setting]
    /// How many times the loop has published (0: the run has not reached its first publication).
    public var loopUpdates: UInt64
}
