import Vocabulary
import Firmware
import HAL
import Simulator
import Testing

/// The laser-safety interlock: when the loop opens, the trigger stops and every output goes safe.
@Suite struct InterlockTests {
    static let tenCycles = CycleSchedule(timing: .standard, steps: [
        ScheduleStep(label: "A1/B1", codes: BasisCodes(armA: 1, armB: 1), cycles: 10),
    ])

    @Test(arguments: [Int64(34_000), 40_000, 40_200, 40_700, 45_000])
    func openingStopsTheTriggerAfterTheCycleItOpenedIn(openAtNanoseconds: Int64) throws {
        var settings = StandInStation.Settings()
        settings.clickProbabilities = [0.5, 0.5, 0.5, 0.5]
        let fixture = try SimulatedStationFixture(settings: settings)
        fixture.board.schedule(at: Instant(nanoseconds: openAtNanoseconds)) { board in
            fixture.station.interlock.open(atCycle: board.currentCycle, on: board)
        }
        fixture.controller.arm()
        let report = try fixture.controller.run(Self.tenCycles)

        // Cycles start every 10 µs from 10 µs; the one containing the opening is the last with a trigger.
        let openingCycleStart = (openAtNanoseconds / 10_000) * 10_000
        let triggerRises = fixture.board.trace.changes(ofLine: "TRIGGER").filter { $0.level == 1 }
        #expect(triggerRises.allSatisfy { $0.time.nanoseconds < openingCycleStart + 10_000 })
        // Every pulse before the opening happened (nothing was cut short before its time), and
        // at most the one of the opening's own cycle came after it.
        let before = triggerRises.filter { $0.time.nanoseconds < openAtNanoseconds }.count
        #expect(before == Int((openAtNanoseconds - 10_500 + 9_999) / 10_000))
        #expect(triggerRises.count - before <= 1)
        for name in SimulatedStationFixture.outputNames {
            #expect(fixture.board.logicalValue(of: fixture.line(name)) == .inactive, "\(name) not safe")
        }
        #expect(fixture.controller.state == .safe(reason: "interlock opened"))
        #expect(!report.complete)
        #expect(report.stopReason == .interlockOpened)
        #expect(report.cyclesRun == triggerRises.count)
        // What was gathered before the stop is kept.
        #expect(report.settings[0].counts.triggerCycles == report.cyclesRun)
        #expect(report.total.totalSingles > 0)
    }

    @Test func armingWithTheInterlockOpenRefusesToRun() throws {
        let fixture = try SimulatedStationFixture(settings: .dark)
        fixture.station.interlock.open(atCycle: 0, on: fixture.board)
        fixture.controller.arm()
        #expect(fixture.controller.state == .safe(reason: "interlock open at arming"))
        #expect(throws: FirmwareError.self) { try fixture.controller.run(Self.tenCycles) }
        #expect(fixture.board.trace.changes(ofLine: "TRIGGER").isEmpty)
    }

    @Test func stopRequestEndsTheRunSafelyAndKeepsTheCounts() throws {
        let fixture = try SimulatedStationFixture()
        let stop = StopSignal()
        fixture.board.schedule(at: Instant(nanoseconds: 55_000)) { _ in stop.raise() }
        fixture.controller.arm()
        let report = try fixture.controller.run(Self.tenCycles, stop: stop)
        #expect(report.cyclesRun == 5)
        #expect(report.stopReason == .stopRequested)
        #expect(!report.complete)
        #expect(fixture.controller.state == .idle)
        #expect(fixture.board.logicalValue(of: fixture.line("TRIGGER")) == .inactive)
    }

    @Test func impossibleTimingIsRefusedWithTheFiguresThatClash() throws {
        let fixture = try SimulatedStationFixture(settings: .dark)
        fixture.controller.arm()
        var timing = CycleTiming.standard
        timing.gateWidth = .microseconds(20)
        let error = #expect(throws: FirmwareError.self) {
            try fixture.controller.run(CycleSchedule(timing: timing, steps: Self.tenCycles.steps))
        }
        #expect(error?.description.contains("expected the cycle's actions to end within the trigger period 10000 ns") == true)
        #expect(fixture.board.trace.changes(ofLine: "TRIGGER").isEmpty)
        #expect(fixture.controller.state == .armed)
    }
}
