import Vocabulary
import Firmware
import HAL
import Simulator
import Testing

/// Edges the backend could not keep: counted, and never allowed to hide an interlock opening.
@Suite struct LostEdgeTests {
    static let twentyCycles = CycleSchedule(timing: .standard, steps: [
        ScheduleStep(label: "HV", codes: BasisCodes(armA: 0, armB: 0), cycles: 20),
    ])

    /// 120 edges on CLICK_A_PLUS within 1.2 µs of `start`, more than the 5-line request's 80-event buffer.
    static func burst(on fixture: SimulatedStationFixture, at start: Int64) {
        let click = fixture.line("CLICK_A_PLUS")
        for i in 0..<120 {
            fixture.board.drive(click, to: i % 2 == 0 ? .active : .inactive,
                                at: Instant(nanoseconds: start + Int64(10 * (i + 1))))
        }
    }

    @Test func anInterlockOpeningLostInABurstStillStopsTheRun() throws {
        let fixture = try SimulatedStationFixture(settings: .dark)
        // The interlock opens at 52 µs; the burst right after pushes its edge out of the buffer.
        fixture.station.interlock.open(atCycle: 52_000, on: fixture.board)
        Self.burst(on: fixture, at: 52_000)
        fixture.controller.arm()
        let report = try fixture.controller.run(Self.twentyCycles)
        #expect(report.lostEdges >= 40)
        #expect(report.stopReason == .interlockOpened)
        // Read out at the 60 µs deadline: cycles at 10…50 µs ran, none after.
        #expect(report.cyclesRun == 5)
        let triggers = fixture.board.trace.changes(ofLine: "TRIGGER").filter { $0.level == 1 }
        #expect(triggers.allSatisfy { $0.time.nanoseconds < 60_000 })
    }

    @Test func lostClickEdgesAreCountedAndTheRunGoesOn() throws {
        let fixture = try SimulatedStationFixture(settings: .dark)
        Self.burst(on: fixture, at: 52_000)
        fixture.controller.arm()
        let report = try fixture.controller.run(Self.twentyCycles)
        #expect(report.lostEdges == 40)
        #expect(report.complete)
        #expect(report.cyclesRun == 20)
    }
}
