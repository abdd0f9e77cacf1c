/// A histogram of wake-up lateness (or any non-negative nanosecond figure) that never allocates
/// after it is made: log-linear buckets, exact below 32 ns, then 16 buckets per octave (≤ 6.25 %
/// relative width), in the manner of HdrHistogram.
public struct LatenessHistogram: Sendable {
    /// The counts: 32 exact buckets, then 16 for each of the 59 octaves from 2⁵ on (32 + 59 × 16).
    /// Inline storage, so recording (once per cycle, inlined into the cycle loop) asks no array
    /// whether its buffer is shared.
    @usableFromInline var buckets = InlineArray<976, Int>(repeating: 0)
    @usableFromInline var samples = 0
    @usableFromInline var sum: Int64 = 0
    @usableFromInline var minimum: Int64 = 0
    @usableFromInline var maximum: Int64 = 0
    @usableFromInline var negatives = 0

    /// Samples recorded.
    public var count: Int { samples }
    /// Sum of all samples, in nanoseconds.
    public var sumNanoseconds: Int64 { sum }
    /// Smallest sample, in nanoseconds (0 when empty).
    public var minimumNanoseconds: Int64 { minimum }
    /// Largest sample, in nanoseconds (0 when empty).
    public var maximumNanoseconds: Int64 { maximum }
    /// Samples that were negative — a clock that woke before its deadline, which the HAL forbids.
    /// Recorded as 0 and counted here so the breach is seen.
    public var negativeSamples: Int { negatives }

    /// An empty histogram.
    public init() {}

    /// Records one sample.
    @inlinable @inline(__always)
    public mutating func record(nanoseconds value: Int64) {
        var v = value
        if v < 0 { negatives += 1; v = 0 }
        buckets[Self.bucket(of: v)] += 1
        if samples == 0 || v < minimum { minimum = v }
        if v > maximum { maximum = v }
        samples += 1
        sum &+= v
    }

    /// Mean of the samples, in nanoseconds.
    public var meanNanoseconds: Double { count == 0 ? 0 : Double(sumNanoseconds) / Double(count) }

    /// The value below or at which `fraction` of samples lie (0...1), in nanoseconds: the upper
    /// edge of the bucket where the fraction is reached, never above the largest sample.
    public func percentileNanoseconds(_ fraction: Double) -> Int64 {
        guard count > 0 else { return 0 }
        let rank = max(1, Int((fraction * Double(count)).rounded(.up)))
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
        buckets.indices.compactMap { index in
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
