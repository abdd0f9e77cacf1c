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

    @Test func aRecordWithoutTheClockSaysNothingAboutIt() {
        #expect(Self.record(clock: nil).summaryLines.first
            == "  backend       libgpiod 2.1.3 (API 2), lost edges counted exactly (kernel sequence numbers)")
    }
}
