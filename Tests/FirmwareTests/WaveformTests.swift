import Boards
import Vocabulary
import Firmware
import HAL
import Simulator
import Testing

/// The firmware's cycle read off the simulated board's trace, edge by edge.
@Suite struct WaveformTests {
    static let twoCycles = CycleSchedule(timing: .standard, steps: [
        ScheduleStep(label: "A1/B0", codes: BasisCodes(armA: 1, armB: 0), cycles: 2),
    ])

    @Test func idealProfileWaveformIsExactlyTheSchedule() throws {
        let fixture = try SimulatedStationFixture(settings: .dark)
        fixture.controller.arm()
        let report = try fixture.controller.run(Self.twoCycles)
        #expect(report.complete)
        // Run starts at board time 0: status up, first deadline one period later (10 µs). The gate
        // opens 500 ns before the trigger; trigger 1 µs wide; gate 2 µs wide.
        #expect(fixture.waveform == [
            "0 STATUS ↑",
            "10000 BASIS_A0 ↑", "10000 GATE ↑", "10500 TRIGGER ↑", "11500 TRIGGER ↓", "12000 GATE ↓",
            "20000 GATE ↑", "20500 TRIGGER ↑", "21500 TRIGGER ↓", "22000 GATE ↓",
            "30000 BASIS_A0 ↓", "30000 STATUS ↓",
        ])
        #expect(report.timingBudget.latenessMaximumNanoseconds == 0)
        #expect(report.timingBudget.overruns == 0)
        #expect(fixture.controller.state == .idle)
    }

    @Test func clicksAppearOnTheirLinesAndAreCountedInTheirCycle() throws {
        var settings = StandInStation.Settings.dark
        settings.clickProbabilities = [1, 0, 1, 0]                 // A+ and B+ every pulse
        settings.photonDelaysPicoseconds = [200_000, 0, 203_000, 0] // B+ 3 ns after A+
        let fixture = try SimulatedStationFixture(settings: settings)
        fixture.controller.arm()
        let report = try fixture.controller.run(Self.twoCycles)
        // Trigger ↑ 10500 → laser pulse 100 ns later → A+ photon 200 ns after that; 10 ns click pulse.
        let clicks = fixture.waveform.filter { $0.contains("CLICK") }
        #expect(clicks == [
            "10800 CLICK_A_PLUS ↑", "10803 CLICK_B_PLUS ↑", "10810 CLICK_A_PLUS ↓", "10813 CLICK_B_PLUS ↓",
            "20800 CLICK_A_PLUS ↑", "20803 CLICK_B_PLUS ↑", "20810 CLICK_A_PLUS ↓", "20813 CLICK_B_PLUS ↓",
        ])
        #expect(report.settings[0].counts.singles.values == [2, 0, 2, 0])
        #expect(report.settings[0].counts.coincidences.values == [2, 0, 0, 0])   // A+B+ within the 5 ns window
        #expect(report.clicksOutsideCycle == 0)
    }

    @Test func coincidenceWindowExcludesPairsFurtherApart() throws {
        var settings = StandInStation.Settings.dark
        settings.clickProbabilities = [1, 0, 0, 1]
        settings.photonDelaysPicoseconds = [200_000, 0, 0, 206_000]  // 6 ns apart, window 5 ns
        let fixture = try SimulatedStationFixture(settings: settings)
        fixture.controller.arm()
        let report = try fixture.controller.run(Self.twoCycles)
        #expect(report.settings[0].counts.singles.values == [2, 0, 0, 2])
        #expect(report.settings[0].counts.totalCoincidences == 0)
    }

    @Test func gatedDetectorsIgnorePhotonsOutsideTheGate() throws {
        var settings = StandInStation.Settings.dark
        settings.clickProbabilities = [1, 1, 0, 0]
        // A+ inside the gate (10 000–12 000 ns), A− at 12 100 ns: after the gate closed.
        settings.photonDelaysPicoseconds = [200_000, 1_500_000, 0, 0]
        let fixture = try SimulatedStationFixture(settings: settings)
        fixture.controller.arm()
        let report = try fixture.controller.run(Self.twoCycles)
        #expect(report.settings[0].counts.singles.values == [2, 0, 0, 0])
        #expect(fixture.station.detectors[1].photonsOutsideGate == 2)
    }

    /// A profile with fixed costs, so a realistic waveform can still be written out exactly.
    static let fixedCosts = TimingProfile(
        name: "fixed", lineWriteCost: .nanoseconds(1_200), lineWriteLatency: .nanoseconds(900),
        edgeReadCost: .nanoseconds(2_000), edgeReadCostPerEvent: .nanoseconds(150), lineReadCost: .nanoseconds(1_000),
        clockReadCost: .nanoseconds(60), wakeLatency: .fixed(.microseconds(8)), edgeStampLatency: .fixed(.microseconds(3)))

    @Test func realisticCostsDelayEveryEdgeByTheWritesBeforeIt() throws {
        let fixture = try SimulatedStationFixture(profile: Self.fixedCosts, settings: .dark)
        fixture.controller.arm()
        var timing = CycleTiming.standard
        timing.triggerPeriod = .microseconds(50)
        let report = try fixture.controller.run(CycleSchedule(timing: timing, steps: [
            ScheduleStep(label: "A1/B0", codes: BasisCodes(armA: 1, armB: 0), cycles: 1),
        ]))
        // arm: safe write (0–1200), interlock read (–2200). run: status write at 2200 lands 3100;
        // clock read at 3400 → first deadline 53 400; wakes 8 µs late at 61 400; edge read to
        // 63 400; basis write lands 64 300; gate write lands 65 500; the trigger's deadline
        // (53 900) has passed, so the sleep returns after a clock read (+60) and each later write
        // lands 900 ns into its 1 200 ns call: 66 760, 68 020, 69 280. The run ends at 103 400; the
        // loop wakes at 111 400, reads the last clicks (to 113 400) and drives safe: lands 114 300.
        #expect(fixture.waveform == [
            "3100 STATUS ↑",
            "64300 BASIS_A0 ↑", "65500 GATE ↑", "66760 TRIGGER ↑", "68020 TRIGGER ↓", "69280 GATE ↓",
            "114300 BASIS_A0 ↓", "114300 STATUS ↓",
        ])
        #expect(report.timingBudget.latenessP50Nanoseconds == 8_000)
        #expect(report.timingBudget.overruns == 0)
    }

    @Test func raspberryPiProfileOpensTheGateLaterThanTheSchedule() throws {
        let fixture = try SimulatedStationFixture(profile: .raspberryPi4, settings: .dark)
        fixture.controller.arm()
        var timing = CycleTiming.standard
        timing.triggerPeriod = .microseconds(200)
        let report = try fixture.controller.run(CycleSchedule(timing: timing, steps: [
            ScheduleStep(label: "HV", codes: BasisCodes(armA: 0, armB: 0), cycles: 50),
        ]))
        let gates = fixture.board.trace.changes(ofLine: "GATE").filter { $0.level == 1 }
        let triggers = fixture.board.trace.changes(ofLine: "TRIGGER").filter { $0.level == 1 }
        #expect(gates.count == 50 && triggers.count == 50)
        // The schedule puts the trigger 500 ns after the gate; each write is a 1.2 µs call, so the
        // trigger lands at least one write later, and every wake is at least 8 µs late.
        for (gate, trigger) in zip(gates, triggers) {
            #expect(trigger.time - gate.time >= .nanoseconds(1_200))
        }
        #expect(report.timingBudget.latenessMinimumNanoseconds >= 8_000)
        #expect(report.timingBudget.latenessMaximumNanoseconds <= 100_000)
    }
}
