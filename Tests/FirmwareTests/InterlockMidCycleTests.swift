import Vocabulary
import Firmware
import HAL
import Simulator
import Testing

/// The interlock opening inside a cycle, edge by edge. The loop reads the interlock with the
/// clicks at the start of each cycle (CycleLoop.readOut), so a cycle already running finishes
/// its timed writes and the stop comes at the next deadline: there every output goes to its
/// safe level and no further trigger fires.
@Suite struct InterlockMidCycleTests {
    static let tenCycles = CycleSchedule(timing: .standard, steps: [
        ScheduleStep(label: "A1/B1", codes: BasisCodes(armA: 1, armB: 1), cycles: 10),
    ])

    /// Runs the ten cycles with the interlock opening at `openAt` (board time, ns).
    static func run(openingAt openAt: Int64) throws -> (SimulatedStationFixture, RunReport) {
        let fixture = try SimulatedStationFixture(settings: .dark)
        fixture.board.schedule(at: Instant(nanoseconds: openAt)) { board in
            fixture.station.interlock.open(atCycle: board.currentCycle, on: board)
        }
        fixture.controller.arm()
        let report = try fixture.controller.run(Self.tenCycles)
        return (fixture, report)
    }

    @Test func openingWhileTheTriggerIsHighLetsThatCycleFinishThenStopsAtTheNextDeadline() throws {
        // Cycle 3 (deadline 30 µs): gate ↑ 30 000, trigger ↑ 30 500; the loop opens at 30 700,
        // while the trigger is high. The loop is asleep until the trigger's fall is due and does
        // not look at the interlock then: the pulse ends at 31 500 and the gate closes at 32 000
        // as planned. At the 40 µs deadline the read-out finds the falling edge; no cycle 4,
        // the outputs go safe in one write (the basis lines and status were up).
        let (fixture, report) = try Self.run(openingAt: 30_700)
        #expect(fixture.waveform == [
            "0 STATUS ↑",
            "10000 BASIS_A0 ↑", "10000 BASIS_B0 ↑", "10000 GATE ↑", "10500 TRIGGER ↑", "11500 TRIGGER ↓", "12000 GATE ↓",
            "20000 GATE ↑", "20500 TRIGGER ↑", "21500 TRIGGER ↓", "22000 GATE ↓",
            "30000 GATE ↑", "30500 TRIGGER ↑", "30700 INTERLOCK ↓", "31500 TRIGGER ↓", "32000 GATE ↓",
            "40000 BASIS_A0 ↓", "40000 BASIS_B0 ↓", "40000 STATUS ↓",
        ])
        for name in SimulatedStationFixture.outputNames {
            #expect(fixture.board.logicalValue(of: fixture.line(name)) == .inactive, "\(name) not safe")
        }
        #expect(fixture.controller.state == .safe(reason: "interlock opened"))
        #expect(report.finalState == .safe(reason: "interlock opened"))
        #expect(report.stopReason == .interlockOpened)
        #expect(!report.complete)
        #expect(report.cyclesPlanned == 10)
        #expect(report.cyclesRun == 3)
        #expect(report.settings[0].counts.triggerCycles == 3)
        // The run covered the three cycles that fired: 10 µs to the end of the third, 40 µs.
        #expect(report.startNanoseconds == 10_000 && report.endNanoseconds == 40_000)
        // Four wake-ups were measured: the three cycles' and the one at 40 µs that stopped.
        #expect(report.timingBudget.samples == 4)
    }

    @Test func openingBetweenTheDeadlineAndTheTriggerStillFiresThatCyclesPulse() throws {
        // Pins today's behaviour: cycle 3's read-out at 30 000 saw the interlock closed; it
        // opens at 30 200, before that cycle's trigger is due (30 500), and the pulse still fires
        // 300 ns after the loop opened. The stop again comes at the 40 µs deadline.
        let (fixture, report) = try Self.run(openingAt: 30_200)
        #expect(fixture.waveform == [
            "0 STATUS ↑",
            "10000 BASIS_A0 ↑", "10000 BASIS_B0 ↑", "10000 GATE ↑", "10500 TRIGGER ↑", "11500 TRIGGER ↓", "12000 GATE ↓",
            "20000 GATE ↑", "20500 TRIGGER ↑", "21500 TRIGGER ↓", "22000 GATE ↓",
            "30000 GATE ↑", "30200 INTERLOCK ↓", "30500 TRIGGER ↑", "31500 TRIGGER ↓", "32000 GATE ↓",
            "40000 BASIS_A0 ↓", "40000 BASIS_B0 ↓", "40000 STATUS ↓",
        ])
        #expect(fixture.controller.state == .safe(reason: "interlock opened"))
        #expect(report.cyclesRun == 3)
        #expect(report.stopReason == .interlockOpened)
    }

    @Test func theLastCyclesClicksAreCountedAfterTheInterlockOpens() throws {
        // A+ and B+ click 800 ns after every deadline; cycle 3's clicks (30 800) come after the
        // opening (30 700) and are read at 40 µs with the interlock's edge: counted, not lost.
        var settings = StandInStation.Settings.dark
        settings.clickProbabilities = [1, 0, 1, 0]
        let fixture = try SimulatedStationFixture(settings: settings)
        fixture.board.schedule(at: Instant(nanoseconds: 30_700)) { board in
            fixture.station.interlock.open(atCycle: board.currentCycle, on: board)
        }
        let ring = ClickEventRing(capacity: 64)
        fixture.controller.arm()
        let report = try fixture.controller.run(Self.tenCycles, clicks: ring)
        #expect(report.cyclesRun == 3)
        #expect(report.settings[0].counts.singles.values == [3, 0, 3, 0])
        var cycles: [Int64] = []
        ring.drain { cycles.append($0.cycle) }
        #expect(cycles == [0, 0, 1, 1, 2, 2])
    }
}
