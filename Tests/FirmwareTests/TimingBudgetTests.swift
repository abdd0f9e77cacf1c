import Vocabulary
import Firmware
import HAL
import Simulator
import Testing

/// The timing budget tells the truth when the loop cannot keep up.
@Suite struct TimingBudgetTests {
    /// Every wake 25 µs late, against a 10 µs period.
    static let slowWakeups = TimingProfile(
        name: "slow-wakeups", lineWriteCost: .zero, lineWriteLatency: .zero, edgeReadCost: .zero,
        edgeReadCostPerEvent: .zero, lineReadCost: .zero, clockReadCost: .zero,
        wakeLatency: .fixed(.microseconds(25)), edgeStampLatency: .zero)

    @Test func lateWakeupsAreReportedInFullAndMissedSlotsAreSkippedNotBurst() throws {
        let fixture = try SimulatedStationFixture(profile: Self.slowWakeups, settings: .dark)
        fixture.controller.arm()
        let report = try fixture.controller.run(CycleSchedule(timing: .standard, steps: [
            ScheduleStep(label: "HV", codes: BasisCodes(armA: 0, armB: 0), cycles: 20),
        ]))
        #expect(report.cyclesRun == 20)
        // Each cycle start wakes 25 µs after its deadline: 2 slots of 10 µs are missed each time.
        #expect(report.timingBudget.latenessMinimumNanoseconds == 25_000)
        #expect(report.timingBudget.latenessMaximumNanoseconds == 25_000)
        #expect(report.timingBudget.missedSlots == 40)
        // Each late cycle runs in the slot it woke in (the 20 µs one) and finishes inside it: the
        // cost shows as missed slots, not as overruns.
        #expect(report.timingBudget.overruns == 0)
        // The trigger never fires closer than one period to the previous pulse.
        let rises = fixture.board.trace.changes(ofLine: "TRIGGER").filter { $0.level == 1 }.map(\.time)
        #expect(rises.count == 20)
        for (earlier, later) in zip(rises, rises.dropFirst()) {
            #expect(later - earlier >= CycleTiming.standard.triggerPeriod)
        }
    }
}
