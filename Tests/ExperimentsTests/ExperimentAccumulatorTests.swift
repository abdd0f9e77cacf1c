import Vocabulary
import Analysis
import Experiments
import Firmware
import HAL
import Testing

/// The accumulator on hand-made clicks whose every figure is counted here by hand: singles,
/// coincidences at and just beyond the window, double clicks, BBM92 detections, the A–B
/// correlation histogram and clicks outside the schedule.
@Suite struct ExperimentAccumulatorTests {
    /// bbm92.experiment.toml: coincidence window 5 ns (so the histogram spans ±20 ns), codes
    /// 0 = HV (rectilinear), 1 = DA (diagonal), 2 = RL (no BBM92 basis).
    static func accumulator() throws -> ExperimentAccumulator {
        ExperimentAccumulator(definition: try ExampleFixture.example("bbm92", cyclesPerSetting: 10), settingCount: 2)
    }

    static func click(_ cycle: Int64, _ setting: Int, _ channel: DetectorChannel, codes: (UInt8, UInt8) = (0, 0),
                      at nanoseconds: Int64) -> ClickEvent {
        ClickEvent(cycle: cycle, setting: setting, channel: channel, codes: BasisCodes(armA: codes.0, armB: codes.1),
                   timestamp: Instant(nanoseconds: nanoseconds))
    }

    static let clicks: [ClickEvent] = [
        // Cycle 0: A+ 3 ns before B+: a ++ coincidence, an HV/HV detection with bits 0 0, delay +3.
        click(0, 0, .aPlus, at: 1_000), click(0, 0, .bPlus, at: 1_003),
        // Cycle 1, codes DA/HV: A− and B− exactly 5 ns apart (the window's edge): −−, detection 1 1.
        click(1, 0, .aMinus, codes: (1, 0), at: 2_000), click(1, 0, .bMinus, codes: (1, 0), at: 2_005),
        // Cycle 2: B+ 5 ns before A+ (the other edge): ++, detection, delay −5.
        click(2, 0, .bPlus, at: 3_000), click(2, 0, .aPlus, at: 3_005),
        // Cycle 3, setting 1, codes RL/HV: A+ and B− 1 ns apart: +− in setting 1, no BBM92 basis.
        click(3, 1, .aPlus, codes: (2, 0), at: 4_000), click(3, 1, .bMinus, codes: (2, 0), at: 4_001),
        // Cycle 4: both A detectors click (a double click) and B+: ++ and −+, no detection, delay +1.
        click(4, 1, .aPlus, at: 5_000), click(4, 1, .bPlus, at: 5_001), click(4, 1, .aMinus, at: 5_002),
        // Cycle 5: B+ twice (one detector: two singles, not a double click), no A click.
        click(5, 1, .bPlus, at: 6_000), click(5, 1, .bPlus, at: 6_010),
        // A click whose setting is not in the schedule: counted as seen, used nowhere.
        click(5, 7, .aPlus, at: 6_020),
        // Cycle 6: 30 ns apart: no coincidence, beyond the histogram's ±20 ns.
        click(6, 0, .aPlus, at: 7_000), click(6, 0, .bPlus, at: 7_030),
        // Cycle 7: 6 ns apart, just outside the window: no coincidence, no detection, delay +6.
        click(7, 0, .aPlus, at: 8_000), click(7, 0, .bPlus, at: 8_006),
    ]

    @Test func everyFigureAsCountedByHand() throws {
        var accumulator = try Self.accumulator()
        for click in Self.clicks { accumulator.add(click) }
        accumulator.finish()

        #expect(accumulator.eventsSeen == 18)
        #expect(accumulator.eventsOutsideSchedule == 1)
        #expect(accumulator.settings[0] == SettingCounts(singles: PerChannel(4, 1, 4, 1), coincidences: PerPair(2, 0, 0, 1)))
        #expect(accumulator.settings[1] == SettingCounts(singles: PerChannel(2, 1, 3, 1), coincidences: PerPair(1, 1, 1, 0),
                                                         doubleClickCycles: 1))
        #expect(accumulator.detections == (try BBM92.DetectionTally([
            BBM92.Detection(basisA: .rectilinear, basisB: .rectilinear, bitA: 0, bitB: 0),
            BBM92.Detection(basisA: .diagonal, basisB: .rectilinear, bitA: 1, bitB: 1),
            BBM92.Detection(basisA: .rectilinear, basisB: .rectilinear, bitA: 0, bitB: 0),
        ])))
        #expect(accumulator.detections.count(.rectilinear, .rectilinear, bitA: 0, bitB: 0) == 2)
        #expect(accumulator.detections.count(.diagonal, .rectilinear, bitA: 1, bitB: 1) == 1)
        #expect(accumulator.histogramRangeNanoseconds == 20)
        var histogram = [Int](repeating: 0, count: 41)
        for delay in [3, 5, -5, 1, 1, 6] { histogram[delay + 20] += 1 }
        #expect(accumulator.correlationHistogram == histogram)
    }

    /// A cycle's clicks join the counts when the next cycle starts or at `finish`, not before;
    /// `finish` twice counts nothing twice.
    @Test func aCycleCountsWhenItCloses() throws {
        var accumulator = try Self.accumulator()
        accumulator.add(Self.clicks[0])
        accumulator.add(Self.clicks[1])
        #expect(accumulator.settings[0] == SettingCounts())
        accumulator.add(Self.clicks[2])
        #expect(accumulator.settings[0] == SettingCounts(singles: PerChannel(1, 0, 1, 0), coincidences: PerPair(1, 0, 0, 0)))
        accumulator.finish()
        accumulator.finish()
        #expect(accumulator.settings[0] == SettingCounts(singles: PerChannel(1, 1, 1, 0), coincidences: PerPair(1, 0, 0, 0)))
        #expect(accumulator.detections.total == 1)
    }

    /// Read mid-run, as the live pipeline publishes them, the counts hold every closed cycle's
    /// clicks whichever setting was counted last, also when a run comes back to a setting;
    /// setting the trigger cycles changes no count.
    @Test func countsReadMidRunHoldEveryClosedCycle() throws {
        var accumulator = try Self.accumulator()
        for click in Self.clicks[...14] { accumulator.add(click) }   // cycles 0 … 5 closed
        let settingOne = SettingCounts(singles: PerChannel(2, 1, 3, 1), coincidences: PerPair(1, 1, 1, 0),
                                       doubleClickCycles: 1)
        #expect(accumulator.settings == [
            SettingCounts(singles: PerChannel(2, 1, 2, 1), coincidences: PerPair(2, 0, 0, 1)), settingOne,
        ])
        #expect(accumulator.totalCoincidences == 6)
        for click in Self.clicks[15...16] { accumulator.add(click) }   // cycle 6, setting 0 again, closed
        #expect(accumulator.settings == [
            SettingCounts(singles: PerChannel(3, 1, 3, 1), coincidences: PerPair(2, 0, 0, 1)), settingOne,
        ])
        accumulator.setTriggerCycles([10, 20])
        accumulator.add(Self.clicks[17])
        accumulator.finish()
        var settingOneRun = settingOne
        settingOneRun.triggerCycles = 20
        #expect(accumulator.settings == [
            SettingCounts(triggerCycles: 10, singles: PerChannel(4, 1, 4, 1), coincidences: PerPair(2, 0, 0, 1)),
            settingOneRun,
        ])
        #expect(accumulator.totalCoincidences == 6)
    }
}
