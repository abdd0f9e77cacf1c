import Firmware
import Testing

/// The wake-up lateness histogram: exact below 32 ns, then 16 buckets per octave (each a 16th
/// of its octave's start wide), percentiles read off bucket upper edges but never above the
/// largest sample.
@Suite struct LatenessHistogramTests {
    static func histogram(_ samples: [Int64]) -> LatenessHistogram {
        var histogram = LatenessHistogram()
        for sample in samples { histogram.record(nanoseconds: sample) }
        return histogram
    }

    /// The non-empty buckets as "lower…upper ×count".
    static func buckets(_ histogram: LatenessHistogram) -> [String] {
        histogram.nonEmptyBuckets.map { "\($0.lowerNanoseconds)…\($0.upperNanoseconds) ×\($0.count)" }
    }

    @Test func belowThirtyTwoNanosecondsEveryValueHasItsOwnBucket() {
        let histogram = Self.histogram(Array(0..<32))
        #expect(Self.buckets(histogram) == (0..<32).map { "\($0)…\($0) ×1" })
    }

    @Test func aboveThirtyTwoNanosecondsEachOctaveHasSixteenBuckets() {
        // 32–63 ns: 16 buckets 2 ns wide; 64–127 ns: 16 buckets 4 ns wide.
        #expect(Self.buckets(Self.histogram(Array(32..<64))) == stride(from: 32, to: 64, by: 2).map { "\($0)…\($0 + 1) ×2" })
        #expect(Self.buckets(Self.histogram(Array(64..<128))) == stride(from: 64, to: 128, by: 4).map { "\($0)…\($0 + 3) ×4" })
    }

    @Test func bucketEdgesAtOctaveBoundariesAndFarOut() {
        // 512–1023 is split into 32 ns buckets (the last 992–1023), 1024–2047 into 64 ns ones.
        // 1 s lies in 2²⁹…2³⁰, buckets 2²⁵ wide: floor(10⁹ / 2²⁵) = 29, so 29·2²⁵ … 30·2²⁵ − 1.
        // 2⁶² opens the top octave, buckets 2⁵⁸ wide: 16·2⁵⁸ … 17·2⁵⁸ − 1.
        let histogram = Self.histogram([32, 33, 34, 63, 64, 67, 68, 1_000, 1_023, 1_024, 1_000_000_000, 1 << 62])
        #expect(Self.buckets(histogram) == [
            "32…33 ×2", "34…35 ×1", "62…63 ×1", "64…67 ×2", "68…71 ×1", "992…1023 ×2", "1024…1087 ×1",
            "973078528…1006632959 ×1", "\(Int64(16) << 58)…\((Int64(17) << 58) - 1) ×1",
        ])
    }

    @Test func percentilesAreTheUpperEdgeOfTheBucketWhereTheFractionIsReached() {
        // 1…100 ns once each. The 50th sample (50) is in bucket 50–51, which holds 51 samples
        // up to its edge: p50 = 51. The 99th (99) closes bucket 96–99: p99 = 99. The 100th is
        // in bucket 100–103, but the largest sample is 100. The 25th is exact (below 32).
        let histogram = Self.histogram(Array(1...100))
        #expect(histogram.percentileNanoseconds(0.5) == 51)
        #expect(histogram.percentileNanoseconds(0.99) == 99)
        #expect(histogram.percentileNanoseconds(0.999) == 100)
        #expect(histogram.percentileNanoseconds(1) == 100)
        #expect(histogram.percentileNanoseconds(0.25) == 25)
        // A fraction of zero still names the first sample's bucket.
        #expect(histogram.percentileNanoseconds(0) == 1)
    }

    @Test func percentilesNeverExceedTheLargestSample() {
        // One sample of 1000 ns sits in bucket 992–1023: every percentile is 1000, not 1023.
        let one = Self.histogram([1_000])
        #expect([0.0, 0.5, 0.99, 1].map { one.percentileNanoseconds($0) } == [1_000, 1_000, 1_000, 1_000])
        // 40 ns and 1000 ns: the median is bucket 40–41's upper edge, above the sample itself.
        let two = Self.histogram([40, 1_000])
        #expect(two.percentileNanoseconds(0.5) == 41)
        #expect(two.percentileNanoseconds(1) == 1_000)
    }

    @Test func negativeSamplesAreEarlyWakeupsCountedAsZero() {
        let histogram = Self.histogram([-5, -1, 7])
        #expect(histogram.negativeSamples == 2)
        #expect(histogram.count == 3)
        #expect(Self.buckets(histogram) == ["0…0 ×2", "7…7 ×1"])
        #expect(histogram.minimumNanoseconds == 0 && histogram.maximumNanoseconds == 7)
        #expect(histogram.sumNanoseconds == 7)
    }

    @Test func meanMinimumAndMaximumOfTheSamples() {
        let histogram = Self.histogram([500, 300, 10_000, 200])
        #expect(histogram.meanNanoseconds == 2_750)
        #expect(histogram.sumNanoseconds == 11_000)
        #expect(histogram.minimumNanoseconds == 200 && histogram.maximumNanoseconds == 10_000)
        // The first sample sets the minimum even when it is large.
        #expect(Self.histogram([9_000]).minimumNanoseconds == 9_000)
    }

    /// A board that wakes equally late every cycle records runs of one value (kept as a pending
    /// run, not bucket by bucket); the figures are those of the samples one by one, also when read
    /// while a run is pending and recording goes on after.
    @Test func runsOfEqualSamplesCountAsTheirSamples() {
        var histogram = LatenessHistogram()
        for _ in 0..<1_000 { histogram.record(nanoseconds: 3) }
        // Read in the middle of the run.
        #expect(histogram.count == 1_000 && histogram.sumNanoseconds == 3_000)
        #expect(histogram.minimumNanoseconds == 3 && histogram.maximumNanoseconds == 3)
        #expect(Self.buckets(histogram) == ["3…3 ×1000"])
        for _ in 0..<5 { histogram.record(nanoseconds: -2) }
        #expect(histogram.negativeSamples == 5 && histogram.minimumNanoseconds == 0)
        for _ in 0..<10 { histogram.record(nanoseconds: 3) }
        for _ in 0..<7 { histogram.record(nanoseconds: 40) }
        // 1 022 samples: 1 010 of 3 ns, 5 early wake-ups (0), 7 of 40 ns (bucket 40–41).
        #expect(histogram.count == 1_022 && histogram.negativeSamples == 5)
        #expect(histogram.sumNanoseconds == 1_010 * 3 + 7 * 40)
        #expect(histogram.minimumNanoseconds == 0 && histogram.maximumNanoseconds == 40)
        #expect(Self.buckets(histogram) == ["0…0 ×5", "3…3 ×1010", "40…41 ×7"])
        #expect(histogram.percentileNanoseconds(0.5) == 3 && histogram.percentileNanoseconds(1) == 40)
        var counts: [Int] = []
        histogram.forEachCumulativeCount(atOrBelow: [0, 3, 39, 41]) { _, n in counts.append(n) }
        #expect(counts == [5, 1_015, 1_015, 1_022])
    }

    @Test func anEmptyHistogramReportsZeros() {
        let histogram = LatenessHistogram()
        #expect(histogram.count == 0 && histogram.negativeSamples == 0)
        #expect(histogram.meanNanoseconds == 0)
        #expect(histogram.minimumNanoseconds == 0 && histogram.maximumNanoseconds == 0)
        #expect(histogram.percentileNanoseconds(0.5) == 0 && histogram.percentileNanoseconds(1) == 0)
        #expect(histogram.nonEmptyBuckets.isEmpty)
    }
}

/// The cumulative counts `/metrics` shows as a Prometheus histogram's `le` buckets.
@Suite struct LatenessCumulativeCountTests {
    @Test func eachBoundCountsTheSamplesAtOrBelowIt() {
        var histogram = LatenessHistogram()
        for value: Int64 in [0, 5, 31, 900, 1_000, 4_000, 70_000, 2_000_000] { histogram.record(nanoseconds: value) }
        var counts: [Int] = []
        histogram.forEachCumulativeCount(atOrBelow: [0, 31, 1_000, 10_000, 100_000, 1_000_000, 10_000_000]) { _, n in counts.append(n) }
        // 900 and 1 000 lie in buckets whose upper edges (959, 1 023) straddle the 1 000 bound:
        // 900's is below it, 1 000's is not, so the bound counts to the bucket width.
        #expect(counts == [1, 3, 4, 6, 7, 7, 8])
    }
}
