import Boards
import Firmware
import HAL
import Physics
import Simulator
import Testing

/// The event-driven engine runs the physics station exactly as stepping every cycle does (the
/// engine it is checked against): the same trace and the same counts, on the ideal profile (edges
/// stamped in place) and on the Raspberry Pi's (stamps as events of their own, short pulses lost).
///
/// The station is made to use every timer a detector has: dark counts on both gating modes,
/// afterpulses due while the click pulse before them is still high (they stretch it), and a
/// jitter that moves a click into the next cycle now and then.
@Suite struct EnginesOnTheBoardTests {
    static func run(profile: TimingProfile, engine: SimulatedBoard.Engine) throws -> PhysicsStationRun {
        let parameters = try TestStation.ideal {
            $0.source.reexcitationProbability = 0.3
            for index in $0.detectors.indices {
                $0.detectors[index].efficiency = 0.9
                $0.detectors[index].darkCountRatePerSecond = 2e5
                $0.detectors[index].jitterRMSPicoseconds = 300
                $0.detectors[index].deadTimePicoseconds = 20_000
                $0.detectors[index].afterpulseProbability = 0.3
                $0.detectors[index].afterpulseDelayPicoseconds = 20_000
                $0.detectors[index].clickPulseWidthPicoseconds = 30_000
            }
            $0.detectors[3].mode = .freeRunning
        }
        var timing = CycleTiming.standard
        timing.triggerPeriod = .microseconds(40)   // a cycle the Raspberry Pi profile can serve
        return try PhysicsStationRun(parameters, steps: [.init(label: "HV", codeA: 0, codeB: 0, cycles: 50),
                                                         .init(label: "DA", codeA: 1, codeB: 1, cycles: 50)],
                                     timing: timing, seed: 11, tracing: true, profile: profile, engine: engine)
    }

    @Test(arguments: [TimingProfile.ideal, .raspberryPi4])
    func eventDrivenEngineMatchesSteppingEveryCycle(profile: TimingProfile) throws {
        let events = try Self.run(profile: profile, engine: .eventDriven)
        let steps = try Self.run(profile: profile, engine: .stepEveryCycle)
        // Compared whole, but reported by the first difference (a trace is thousands of records).
        let eventRecords = events.board.trace.records, stepRecords = steps.board.trace.records
        let firstDifference = eventRecords.indices.first { $0 >= stepRecords.count || eventRecords[$0] != stepRecords[$0] }
        #expect(eventRecords.count == stepRecords.count)
        #expect(firstDifference == nil, "first difference at record \(firstDifference ?? -1)")
        #expect(events.report.settings == steps.report.settings)
        for (event, step) in zip(events.station.detectors, steps.station.detectors) {
            #expect([event.photonClicks, event.darkCountClicks, event.afterpulseClicks, event.mergedClicks]
                    == [step.photonClicks, step.darkCountClicks, step.afterpulseClicks, step.mergedClicks])
        }
        // Every kind of click happened, so each of the detector's drives was compared.
        let detectors = events.station.detectors
        #expect(detectors.map(\.photonClicks).reduce(0, +) > 100)
        #expect(detectors.map(\.darkCountClicks).reduce(0, +) > 0)
        #expect(detectors.map(\.afterpulseClicks).reduce(0, +) > 0)
        #expect(detectors.map(\.mergedClicks).reduce(0, +) > 0)
    }
}
