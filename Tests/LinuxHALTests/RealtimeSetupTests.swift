import HAL
import LinuxHAL
import Testing

/// Real-time setup reports what it did and warns, never fails, on what it could not do.
@Suite struct RealtimeSetupTests {
    @Test func parsesKernelCPULists() {
        #expect(RealtimeSetup.parseCPUList("1,3-4\n") == [1, 3, 4])
        #expect(RealtimeSetup.parseCPUList("\n").isEmpty)
        #expect(RealtimeSetup.parseCPUList("2-1,x").isEmpty, "a malformed range is ignored")
    }

    @Test func badValuesBecomeWarnings() {
        let report = RealtimeSetup.apply(priority: 500, cpu: 100_000)
        #expect(report.fifoPriority == nil)
        #expect(report.pinnedCPU == nil)
        #expect(report.warnings.count == 2)
        #expect(report.warnings[0].contains("priority 500 is outside 1…99"))
        #expect(report.warnings[1].contains("CPU 100000 does not exist"))
    }

    @Test func nothingAskedNothingDone() {
        let report = RealtimeSetup.apply()
        #expect(report.fifoPriority == nil && !report.memoryLocked && report.pinnedCPU == nil)
        #expect(report.cpuWakeLatencyHold == nil && report.warnings.isEmpty)
        #expect(report.description.contains("default (SCHED_OTHER)"))
    }
}
