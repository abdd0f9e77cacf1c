import Records
import Reports
import Testing

/// The hardware part of `qdot run`'s terminal summary.
@Suite struct HardwareRunRecordSummaryTests {
    static func record(clock: HardwareRunRecord.EventClock?) -> HardwareRunRecord {
        HardwareRunRecord(libgpiodVersion: "2.1.3", libgpiodAPIMajor: 2, lostEdgesExact: true, fifoPriority: 40,
                          memoryLocked: true, pinnedCPU: 3, pinnedCPUIsIsolated: true, cpuWakeLatencyCapMicroseconds: nil,
                          busyWaitTailNanoseconds: 0, warnings: [], clickEventClock: clock)
    }

    @Test func theBackendLineSaysWhichClockStampedTheClicks() {
        #expect(Self.record(clock: .monotonic).summaryLines.first
            == "  backend       libgpiod 2.1.3 (API 2), clicks stamped on CLOCK_MONOTONIC, lost edges counted exactly (kernel sequence numbers)")
        #expect(Self.record(clock: .hte).summaryLines.first?.contains("clicks stamped on the hardware timestamping engine,") == true)
    }

    /// libgpiod 1.6 with rising-only click lines: the summary says where lost edges could not be
    /// seen at all, instead of letting "no lost edges" stand for them.
    @Test func libgpiod16SaysLostEdgesAreNotDetectableOnSingleEdgeLines() {
        var record = Self.record(clock: .monotonic)
        record.libgpiodVersion = "1.6.3"
        record.libgpiodAPIMajor = 1
        record.lostEdgesExact = false
        record.lostEdgesUndetectableOn = ["click-a-plus", "click-a-minus", "click-b-plus", "click-b-minus"]
        #expect(Array(record.summaryLines.prefix(2)) == [
            "  backend       libgpiod 1.6.3 (API 1), clicks stamped on CLOCK_MONOTONIC, lost edges counted as a lower bound "
                + "where both edges are reported (no sequence numbers)",
            "  lost edges    not detectable on click-a-plus, click-a-minus, click-b-plus, click-b-minus: they report one kind "
                + "of edge and carry no sequence numbers (libgpiod 1.6), so an edge the kernel drops there goes uncounted",
        ])
        // A 1.6 record written before qdot requested single-edge lines keeps its old line.
        record.lostEdgesUndetectableOn = nil
        #expect(record.summaryLines.first?.hasSuffix("lost edges counted as a lower bound (no sequence numbers)") == true)
        #expect(!record.summaryLines.contains { $0.hasPrefix("  lost edges") })
    }

    @Test func aRecordWithoutTheClockSaysNothingAboutIt() {
        #expect(Self.record(clock: nil).summaryLines.first
            == "  backend       libgpiod 2.1.3 (API 2), lost edges counted exactly (kernel sequence numbers)")
    }
}
