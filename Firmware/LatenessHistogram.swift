/// A histogram of wake-up lateness (or any non-negative nanosecond figure) that never allocates
/// after it is made: log-linear buckets, exact below 32 ns, then 16 buckets per octave (≤ 6.25 %
/// relative width), in the manner of HdrHistogram.
public struct LatenessHistogram: Sendable {
    /// The counts: 32 exact buckets, then 16 for each of the 59 octaves from 2⁵ on (32 + 59 × 16).
    /// Inline storage, so recording asks no array whether its buffer is shared. They, and the
    /// figures below, hold every sample but the pending run's.
    @usableFromInline var buckets = InlineArray<976, Int>(repeating: 0)
    @usableFromInline var samples = 0
    @usableFromInline var sum: Int64 = 0
    @usableFromInline var minimum: Int64 = 0
    @usableFromInline var maximum: Int64 = 0
    @usableFromInline var negatives = 0
    /// The pending run: the last `runLength` samples were all `runValue` (as recorded, before a
    /// negative is made 0). A board that wakes equally late every cycle — the simulated board's
    /// profiles without a tail, or a quiet lab board at its clock's resolution — records a sample
    /// with one comparison and one increment (recording is inlined into the cycle loop, once per
    /// cycle); the run goes into the buckets when a different sample comes or the figures are read.
    @usableFromInline var runValue: Int64 = 0
    @usableFromInline var runLength = 0

    /// Samples recorded.
    public var count: Int { samples + runLength }
    /// Sum of all samples, in nanoseconds.
    public var sumNanoseconds: Int64 { sum &+ max(runValue, 0) &* Int64(runLength) }
    /// Smallest sample, in nanoseconds (0 when empty).
    public var minimumNanoseconds: Int64 {
        guard runLength > 0 else { return minimum }
        return samples == 0 ? max(runValue, 0) : min(minimum, max(runValue, 0))
    }
    /// Largest sample, in nanoseconds (0 when empty).
    public var maximumNanoseconds: Int64 { runLength > 0 ? max(maximum, max(runValue, 0)) : maximum }
    /// Samples that were negative — a clock that woke before its deadline, which the HAL forbids.
    /// Recorded as 0 and counted here so the breach is seen.
    public var negativeSamples: Int { negatives + (runValue < 0 ? runLength : 0) }

    /// An empty histogram.
    public init() {}

    /// Records one sample.
    @inlinable @inline(__always)
    public mutating func record(nanoseconds value: Int64) {
        // (A run of 2⁶³ samples would take 292 years at one per nanosecond.)
        if value == runValue { runLength &+= 1 } else { startRun(value) }
    }

    /// Puts the pending run into the buckets and starts a run of `value`.
    @usableFromInline @inline(never)
    mutating func startRun(_ value: Int64) {
        settle()
        runValue = value
        runLength = 1
    }

    /// Puts the pending run's samples into the buckets and figures, as recording them one by one
    /// would have.
    @usableFromInline mutating func settle() {
        guard runLength > 0 else { return }
        let n = runLength
        var v = runValue
        if v < 0 { negatives += n; v = 0 }
        buckets[Self.bucket(of: v)] += n
        if samples == 0 || v < minimum { minimum = v }
        if v > maximum { maximum = v }
        samples += n
        sum &+= v &* Int64(n)
        runLength = 0
    }

    /// This histogram with its pending run in the buckets (for the readers of every bucket).
    var settled: LatenessHistogram {
        var copy = self
        copy.settle()
        return copy
    }

    /// Mean of the samples, in nanoseconds.
    public var meanNanoseconds: Double { count == 0 ? 0 : Double(sumNanoseconds) / Double(count) }

    /// The value below or at which `fraction` of samples lie (0...1), in nanoseconds: the upper
    /// edge of the bucket where the fraction is reached, never above the largest sample.
    public func percentileNanoseconds(_ fraction: Double) -> Int64 {
        guard count > 0 else { return 0 }
        let rank = max(1, Int((fraction * Double(count)).rounded(.up)))
        let buckets = settled.buckets
        var seen = 0
        for index in buckets.indices where buckets[index] > 0 {
            seen += buckets[index]
            if seen >= rank { return min(Self.upperEdge(of: index), maximumNanoseconds) }
        }
        return maximumNanoseconds
    }

    /// For each bound (ascending, nanoseconds), the samples at or below it — a Prometheus
    /// histogram's cumulative `le` buckets — in one pass, without allocating: `body(i, count)` for
    /// bound `i`. A bucket counts as below a bound when its upper edge is, so a count is exact to
    /// the bucket width (≤ 6.25 % of the value).
    public func forEachCumulativeCount(atOrBelow bounds: [Int64], _ body: (Int, Int) -> Void) {
        let buckets = settled.buckets
        var seen = 0
        var bucket = 0
        for (boundIndex, bound) in bounds.enumerated() {
            while bucket < buckets.count, Self.upperEdge(of: bucket) <= bound {
                seen += buckets[bucket]
                bucket += 1
            }
            body(boundIndex, seen)
        }
    }

    /// Non-empty buckets as (lower edge, upper edge, count), for printing.
    public var nonEmptyBuckets: [(lowerNanoseconds: Int64, upperNanoseconds: Int64, count: Int)] {
        let buckets = settled.buckets
        return buckets.indices.compactMap { index in
            buckets[index] > 0 ? (Self.lowerEdge(of: index), Self.upperEdge(of: index), buckets[index]) : nil
        }
    }

    @inlinable @inline(__always)
    static func bucket(of value: Int64) -> Int {
        if value < 32 { return Int(value) }
        let exponent = 63 - value.leadingZeroBitCount          // ≥ 5
        let sub = Int((value >> Int64(exponent - 4)) & 15)
        return 32 + (exponent - 5) * 16 + sub
    }

    static func lowerEdge(of index: Int) -> Int64 {
        if index < 32 { return Int64(index) }
        let exponent = (index - 32) / 16 + 5
        let sub = Int64((index - 32) % 16)
        return (16 + sub) << Int64(exponent - 4)
    }

    static func upperEdge(of index: Int) -> Int64 {
        if index < 32 { return Int64(index) }
        let exponent = (index - 32) / 16 + 5
        return lowerEdge(of: index) + (Int64(1) << Int64(exponent - 4)) - 1
    }
}
