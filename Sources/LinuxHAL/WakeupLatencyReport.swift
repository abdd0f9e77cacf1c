public import HAL

/// The result of a wake-up latency measurement, cyclictest-style: how late each periodic
/// absolute-deadline sleep woke.
///
/// Percentiles use the nearest-rank definition (the smallest sample with at least p of all
/// samples at or below it), the same as reading cyclictest's histogram.
public struct WakeupLatencyReport: Sendable, CustomStringConvertible {
    /// The period between deadlines.
    public var period: TimeSpan
    /// How many wake-ups were measured.
    public var sampleCount: Int
    /// Deadlines skipped because a wake-up came more than a period late.
    public var overruns: Int
    /// Smallest latency, µs.
    public var minimumMicroseconds: Double
    /// Mean latency, µs.
    public var averageMicroseconds: Double
    /// Median latency, µs.
    public var p50Microseconds: Double
    /// 99th-percentile latency, µs.
    public var p99Microseconds: Double
    /// 99.9th-percentile latency, µs.
    public var p999Microseconds: Double
    /// Largest latency, µs.
    public var maximumMicroseconds: Double
    /// Samples per 1 µs bucket: `histogram[i]` counts latencies in [i, i+1) µs; the last bucket
    /// also holds everything beyond it.
    public var histogram: [Int]
    /// What real-time setup the measuring thread got.
    public var realtime: RealtimeReport

    /// A report from sorted latencies in nanoseconds (empty gives zeros).
    public init(period: TimeSpan, sortedLatencyNanoseconds sorted: [Int64], overruns: Int,
                histogramBucketCount: Int = 1000, realtime: RealtimeReport) {
        self.period = period
        self.sampleCount = sorted.count
        self.overruns = overruns
        self.realtime = realtime
        func microseconds(_ nanoseconds: Int64) -> Double { Double(nanoseconds) / 1000 }
        func percentile(_ fraction: Double) -> Double {
            guard !sorted.isEmpty else { return 0 }
            let rank = Int((fraction * Double(sorted.count)).rounded(.up))
            return microseconds(sorted[min(max(rank, 1), sorted.count) - 1])
        }
        minimumMicroseconds = sorted.first.map(microseconds) ?? 0
        maximumMicroseconds = sorted.last.map(microseconds) ?? 0
        averageMicroseconds = sorted.isEmpty ? 0 : microseconds(sorted.reduce(0, +)) / Double(sorted.count)
        p50Microseconds = percentile(0.5)
        p99Microseconds = percentile(0.99)
        p999Microseconds = percentile(0.999)
        var buckets = Array(repeating: 0, count: max(histogramBucketCount, 1))
        for latency in sorted {
            buckets[min(max(Int(latency / 1000), 0), buckets.count - 1)] += 1
        }
        histogram = buckets
    }

    public var description: String {
        func format(_ value: Double) -> String {
            let tenths = Int((value * 10).rounded())
            return "\(tenths / 10).\(abs(tenths % 10))"
        }
        var lines = [
            "wake-up latency: \(sampleCount) samples, period \(format(period.microseconds)) µs, \(overruns) overruns",
            "  min     avg     p50     p99     p99.9   max   (µs)",
            "  " + [minimumMicroseconds, averageMicroseconds, p50Microseconds, p99Microseconds,
                    p999Microseconds, maximumMicroseconds].map { format($0).padding(toLength: 8) }.joined(),
            "histogram (µs: count):",
        ]
        for (bucket, count) in histogram.enumerated() where count > 0 {
            let label = bucket == histogram.count - 1 ? "≥\(bucket)" : "\(bucket)"
            lines.append("  \(label.padding(toLength: 6)) \(count)")
        }
        lines.append(realtime.description)
        return lines.joined(separator: "\n")
    }
}

extension String {
    fileprivate func padding(toLength length: Int) -> String {
        count >= length ? self + " " : self + String(repeating: " ", count: length - count)
    }
}
