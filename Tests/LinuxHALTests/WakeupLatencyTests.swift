import HAL
import LinuxHAL
import Testing

/// The cyclictest-style meter: runs here without GPIO and its statistics are right.
@Suite struct WakeupLatencyTests {
    @Test func percentilesUseNearestRank() {
        // 1000 samples of 1…1000 µs: nearest-rank p50 = 500, p99 = 990, p99.9 = 999 µs.
        let sorted = (1...1000).map { Int64($0) * 1000 }
        let report = WakeupLatencyReport(period: .microseconds(1000), sortedLatencyNanoseconds: sorted,
                                         overruns: 0, histogramBucketCount: 2000, realtime: RealtimeReport())
        #expect(report.minimumMicroseconds == 1)
        #expect(report.maximumMicroseconds == 1000)
        #expect(report.averageMicroseconds == 500.5)
        #expect(report.p50Microseconds == 500)
        #expect(report.p99Microseconds == 990)
        #expect(report.p999Microseconds == 999)
        #expect(report.histogram.reduce(0, +) == 1000)
        #expect(report.histogram[0] == 0 && report.histogram[1] == 1 && report.histogram[1000] == 1)
    }

    @Test func overflowingLatenciesLandInTheLastBucket() {
        let report = WakeupLatencyReport(period: .microseconds(100), sortedLatencyNanoseconds: [500, 7_000_000],
                                         overruns: 1, histogramBucketCount: 10, realtime: RealtimeReport())
        #expect(report.histogram == [1, 0, 0, 0, 0, 0, 0, 0, 0, 1])
        #expect(report.description.contains("≥9"))
    }

    @Test func emptyMeasurementIsZeroNotNaN() {
        let report = WakeupLatencyReport(period: .microseconds(100), sortedLatencyNanoseconds: [], overruns: 0,
                                         realtime: RealtimeReport())
        #expect(report.averageMicroseconds == 0 && report.p99Microseconds == 0)
    }

    @Test func measuresOnThisMachine() {
        // 200 ms at 1 ms, no real-time priority (the shared test machine): 200 samples, every
        // latency non-negative, percentiles ordered.
        let report = WakeupLatencyMeter.measure(period: .milliseconds(1), duration: .milliseconds(200))
        #expect(report.sampleCount == 200)
        #expect(report.minimumMicroseconds >= 0)
        #expect(report.minimumMicroseconds <= report.p50Microseconds)
        #expect(report.p50Microseconds <= report.p99Microseconds)
        #expect(report.p99Microseconds <= report.p999Microseconds)
        #expect(report.p999Microseconds <= report.maximumMicroseconds)
        #expect(report.histogram.reduce(0, +) == 200)
        #expect(report.description.contains("p99.9"))
    }
}
