import Boards
import Vocabulary
import Firmware
import HAL
import Simulator
import Testing

/// A seed reproduces a simulated run bit for bit; the event-driven engine equals stepping every cycle.
@Suite struct DeterminismTests {
    static let schedule = CycleSchedule(timing: .standard, steps: [
        ScheduleStep(label: "A0/B0", codes: BasisCodes(armA: 0, armB: 0), cycles: 40),
        ScheduleStep(label: "A1/B1", codes: BasisCodes(armA: 1, armB: 1), cycles: 40),
    ])

    static func run(seed: UInt64, profile: TimingProfile = .raspberryPi4,
                    engine: SimulatedBoard.Engine = .eventDriven) throws -> (Trace, RunReport) {
        var settings = StandInStation.Settings()
        settings.clickProbabilities = [0.3, 0.3, 0.3, 0.3]
        let fixture = try SimulatedStationFixture(profile: profile, seed: seed, settings: settings, engine: engine)
        fixture.controller.arm()
        var schedule = Self.schedule
        schedule.timing.triggerPeriod = .microseconds(40)
        let report = try fixture.controller.run(schedule)
        return (fixture.board.trace, report)
    }

    @Test func sameSeedGivesTheSameTraceAndResults() throws {
        let (traceA, reportA) = try Self.run(seed: 42)
        let (traceB, reportB) = try Self.run(seed: 42)
        #expect(traceA.records == traceB.records)
        #expect(reportA.settings == reportB.settings)
        #expect(reportA.timingBudget == reportB.timingBudget)
        #expect(traceA.records.count > 500)
    }

    @Test func differentSeedGivesDifferentClicks() throws {
        let (traceA, _) = try Self.run(seed: 42)
        let (traceB, _) = try Self.run(seed: 43)
        let clickLines = Set(traceA.lines.indices.filter { traceA.lines[$0].name.hasPrefix("CLICK") })
        let clicksA = traceA.records.filter { clickLines.contains($0.line.index) }
        let clicksB = traceB.records.filter { clickLines.contains($0.line.index) }
        #expect(clicksA != clicksB)
    }

    @Test(arguments: [TimingProfile.ideal, .raspberryPi4])
    func eventDrivenEngineMatchesSteppingEveryCycle(profile: TimingProfile) throws {
        let (eventTrace, eventReport) = try Self.run(seed: 7, profile: profile, engine: .eventDriven)
        let (stepTrace, stepReport) = try Self.run(seed: 7, profile: profile, engine: .stepEveryCycle)
        #expect(eventTrace.records == stepTrace.records)
        #expect(eventReport.settings == stepReport.settings)
        #expect(eventReport.timingBudget == stepReport.timingBudget)
    }
}
