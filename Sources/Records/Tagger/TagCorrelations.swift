public import Analysis
public import Vocabulary

/// The A–B correlations of a time tagger's clicks, for wiring and calibrating it: per detector
/// pair the start–stop histogram of t_B − t_A (`CorrelationHistogram`), where its peak lies (the
/// cable and electronics delays between the two, plus the biexciton–exciton cascade's own delay),
/// the pairs in the centre window at that delay and in the side peaks one to three trigger periods
/// away (`CoincidenceCounter`: pairs of different pulses, the accidental level of a pulsed
/// source), the flat background under the peak, and the detector delays that put every pair's
/// peak at zero.
///
/// The delays: with d the time each detector's clicks take to reach the tagger, pair (A_i, B_j)
/// peaks at p_ij = d_Bj − d_Ai + c (c: the source's own A–B delay, common to all pairs). The
/// least-squares fit of the additive model p_ij = μ + α_i + β_j (Σα = Σβ = 0: the two-way layout,
/// each effect the row or column mean minus the grand mean) gives d_Ai = −α_i, d_Bj = μ + β_j,
/// shifted so the fastest detector is 0: the values `qdot analyze --tag-delays-ps` takes.
public struct TagCorrelations {
    /// One detector pair's correlation.
    public struct Pair: Sendable {
        public var a: DetectorChannel
        public var b: DetectorChannel
        /// t_B − t_A of every pair within the range.
        public var histogram: CorrelationHistogram
        /// The middle of the fullest bin, in picoseconds (B later than A: positive).
        public var peakDelayPicoseconds: Int64
        /// Mean pairs per bin farther than half the range from the peak: the flat background
        /// (dark counts, afterpulses) under the peak.
        public var backgroundPerBin: Double
        /// Pairs within ±window of the peak delay.
        public var centrePairs: Int
        /// Mean pairs within ±window of the peak delay ± k trigger periods, k = 1…3.
        public var sidePairs: Double
        /// Centre over side: the pulsed A–B cross-correlation g⁽²⁾_AB(0) (infinite with no side
        /// pairs). For a source of at most one pair per pulse, excited with probability p_exc, it is
        /// about (1 + E)/p_exc over the pair's correlation E: near 1 for a deterministic dot even
        /// when all is well; the wiring shows in the peak standing out of its background.
        public var centreToSide: Double { sidePairs > 0 ? Double(centrePairs) / sidePairs : .infinity }
    }

    /// Clicks per detector.
    public var singles: PerChannel<Int>
    /// The four A–B pairs, in `DetectorPair` order.
    public var pairs: [Pair]
    /// The trigger period measured between the syncs (median interval), in picoseconds; nil
    /// without two syncs (then no side peaks).
    public var syncPeriodPicoseconds: Int64?
    /// The delays that put every pair's peak at zero, the fastest detector at 0, in picoseconds.
    public var suggestedDelaysPicoseconds: PerChannel<Int64>
    /// RMS of the pair peaks about the fit, in picoseconds: large when a peak is not the pairs'.
    public var fitResidualPicoseconds: Double

    /// The correlations of `events` (photons mapped to detectors by `map`'s inputs; its delays
    /// are not applied), in bins of `binPicoseconds` over ±`rangePicoseconds`, counting centre
    /// and side pairs within ±`windowPicoseconds`.
    public init(events: [PTUEvent], map: TagChannelMap, binPicoseconds: Int64, rangePicoseconds: Int64,
                windowPicoseconds: Int64) throws(AnalysisError) {
        var times = Array(repeating: [Int64](), count: 4)
        var syncs: [Int64] = []
        for event in events {
            switch event.kind {
            case .photon:
                if let detector = map.detector(onInput: event.channel) { times[detector.rawValue].append(event.timePicoseconds) }
            case .sync: syncs.append(event.timePicoseconds)
            case .marker: continue
            }
        }
        singles = PerChannel(times[0].count, times[1].count, times[2].count, times[3].count)
        if syncs.count >= 2 {
            let intervals = zip(syncs.dropFirst(), syncs).map { $0 - $1 }.sorted()
            syncPeriodPicoseconds = intervals[intervals.count / 2]
        }
        var pairs: [Pair] = []
        for pair in DetectorPair.allCases {
            let a = pair.channelA, b = pair.channelB
            let (timesA, timesB) = (times[a.rawValue], times[b.rawValue])
            let histogram = try CorrelationHistogram(channelA: timesA, channelB: timesB, binWidthPicoseconds: binPicoseconds,
                                                     rangePicoseconds: rangePicoseconds)
            let fullest = histogram.counts.indices.max { histogram.counts[$0] < histogram.counts[$1] } ?? 0
            let peak = histogram.binStartPicoseconds(fullest) + binPicoseconds / 2
            var outer = 0, outerBins = 0
            for (index, count) in histogram.counts.enumerated()
            where abs(histogram.binStartPicoseconds(index) + binPicoseconds / 2 - peak) > rangePicoseconds / 2 {
                outer += count
                outerBins += 1
            }
            let centre = try CoincidenceCounter.countPairs(timesA, timesB, windowPicoseconds: windowPicoseconds, delayPicoseconds: peak)
            var side = 0.0
            if let period = syncPeriodPicoseconds {
                var total = 0
                for k in [-3, -2, -1, 1, 2, 3] {
                    total += try CoincidenceCounter.countPairs(timesA, timesB, windowPicoseconds: windowPicoseconds,
                                                               delayPicoseconds: peak + Int64(k) * period)
                }
                side = Double(total) / 6
            }
            pairs.append(Pair(a: a, b: b, histogram: histogram, peakDelayPicoseconds: peak,
                              backgroundPerBin: outerBins > 0 ? Double(outer) / Double(outerBins) : 0, centrePairs: centre, sidePairs: side))
        }
        self.pairs = pairs
        // The two-way additive fit of the peaks (rows: A detectors, columns: B detectors).
        func peak(_ a: Int, _ b: Int) -> Double { Double(pairs[2 * a + b].peakDelayPicoseconds) }
        let mean = (0..<2).flatMap { a in (0..<2).map { peak(a, $0) } }.reduce(0, +) / 4
        let alpha = (0..<2).map { a in (peak(a, 0) + peak(a, 1)) / 2 - mean }
        let beta = (0..<2).map { b in (peak(0, b) + peak(1, b)) / 2 - mean }
        var delays = [-alpha[0], -alpha[1], mean + beta[0], mean + beta[1]]
        let fastest = delays.min() ?? 0
        delays = delays.map { $0 - fastest }
        suggestedDelaysPicoseconds = PerChannel(Int64(delays[0].rounded()), Int64(delays[1].rounded()),
                                                Int64(delays[2].rounded()), Int64(delays[3].rounded()))
        var squares = 0.0
        for a in 0..<2 { for b in 0..<2 { let r = peak(a, b) - (mean + alpha[a] + beta[b]); squares += r * r } }
        fitResidualPicoseconds = (squares / 4).squareRoot()
    }
}
