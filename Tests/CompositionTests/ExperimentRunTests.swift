import Vocabulary
import Analysis
import Composition
import Experiments
import Records
import Firmware
import Foundation
import Testing

/// Experiments on the simulated board with the stand-in source, whose four detectors click
/// independently with probability p per pulse: closed forms for that source are exact
/// (no correlation, g2(0) = 1, QBER 1/2), and every bound below is 4 standard errors.
@Suite struct ExperimentRunTests {
    @Test func liveCountsEqualTheFirmwareTalliesAndTheRecordReproducesThemExactly() throws {
        let path = try ExperimentFixture.temporaryPath("bell.qdotrec")
        let experiment = try ExperimentFixture.example("bell-chsh", cyclesPerSetting: 3_000)
        let run = try ExperimentFixture.run(experiment, record: path)
        #expect(run.report.complete)
        #expect(run.report.clickEventsDropped == 0)
        for (tally, summary) in zip(run.report.settings, run.findings.settings) {
            #expect(tally.label == summary.label)
            #expect(tally.counts == summary.counts)
        }
        let record = try RunRecord.read(contentsOf: path)
        #expect(record.complete)
        #expect(record.cyclesPerSetting == run.report.settings.map(\.counts.triggerCycles))
        let offline = RecordAnalysis.findings(record)
        #expect(offline.figures == run.findings.figures)
        #expect(offline.settings == run.findings.settings)
        #expect(offline.correlationHistogram == run.findings.correlationHistogram)
        // Another window: every stand-in photon arrives at the same instant, so a 1 ns window loses none.
        let narrow = RecordAnalysis.findings(record, coincidenceWindow: .nanoseconds(1))
        #expect(narrow.settings == run.findings.settings)
    }

    @Test func uncorrelatedClicksGiveNoViolationAndTheChanceFidelity() throws {
        let run = try ExperimentFixture.run(try ExperimentFixture.example("bell-chsh", cyclesPerSetting: 3_000))
        let s = try #require(run.findings.figure(FigureKey(rawValue: "chsh-s")))
        #expect(abs(s.value) < 4 * s.standardError, "S = \(s.value) ± \(s.standardError)")
        let f = try #require(run.findings.figure(FigureKey(rawValue: "fidelity-phi-plus")))
        #expect(abs(f.value - 0.25) < 4 * f.standardError, "F = \(f.value) ± \(f.standardError)")
        // Coincidence rate: p² per pulse per detector pair, four pairs, 100 kHz.
        let rate = try #require(run.findings.figure(FigureKey(rawValue: "coincidence-rate")))
        #expect(abs(rate.value - 4 * 0.01 * 1e5) < 4 * rate.standardError, "\(rate.value) ± \(rate.standardError)")
    }

    @Test func bbm92DrawsBasesPerCycleRecordsThemAndFindsQBERHalfForUncorrelatedClicks() throws {
        let path = try ExperimentFixture.temporaryPath("bbm92.qdotrec")
        let experiment = try ExperimentFixture.example("bbm92", cyclesPerSetting: 20_000)
        let run = try ExperimentFixture.run(experiment, clickProbability: 0.2, record: path)
        let record = try RunRecord.read(contentsOf: path)
        var pairs: [BasisCodes: Int] = [:]
        var codesOfCycle: [Int64: BasisCodes] = [:]
        for click in record.clicks {
            if let earlier = codesOfCycle[click.cycle] { #expect(earlier == click.codes) }
            codesOfCycle[click.cycle] = click.codes
        }
        for codes in codesOfCycle.values { pairs[codes, default: 0] += 1 }
        // Codes 0 (H/V) and 1 (D/A) on each arm, each of the four pairs a quarter of the cycles.
        #expect(Set(pairs.keys) == [BasisCodes(armA: 0, armB: 0), BasisCodes(armA: 0, armB: 1),
                                    BasisCodes(armA: 1, armB: 0), BasisCodes(armA: 1, armB: 1)])
        let n = Double(codesOfCycle.count)
        for count in pairs.values {
            #expect(abs(Double(count) - n / 4) < 4 * (n * 0.25 * 0.75).squareRoot())
        }
        for key in ["qber-hv", "qber-da"] {
            let qber = try #require(run.findings.figure(FigureKey(rawValue: key)))
            #expect(abs(qber.value - 0.5) < 4 * qber.standardError, "\(key) = \(qber.value) ± \(qber.standardError)")
        }
        #expect(run.findings.figure(FigureKey(rawValue: "secret-fraction"))?.value == 0)
        // The same seed draws the same bases.
        let again = try ExperimentFixture.run(experiment, clickProbability: 0.2)
        #expect(again.findings.figures == run.findings.figures)
    }

    @Test func independentClicksGiveG2OfOne() throws {
        let run = try ExperimentFixture.run(try ExperimentFixture.example("g2", cyclesPerSetting: 20_000), clickProbability: 0.2)
        for key in ["g2-zero-a", "g2-zero-b"] {
            let g2 = try #require(run.findings.figure(FigureKey(rawValue: key)))
            #expect(abs(g2.value - 1) < 4 * g2.standardError, "\(key) = \(g2.value) ± \(g2.standardError)")
        }
        #expect(run.findings.hbtPeaks?.count == 2)
    }

    @Test func gateDelayScanFindsThePhotonArrivalWithinOneStep() throws {
        // Stand-in station: the laser fires 100 ns after the trigger edge, photons arrive 200 ns later.
        let experiment = try ExperimentFixture.example("gate-delay-scan", cyclesPerSetting: 200)
        let run = try ExperimentFixture.run(experiment)
        let arrival = try #require(run.findings.figure(FigureKey(rawValue: "photon-arrival-delay")))
        let step = Double(try #require(experiment.kind as? GateDelayScanExperiment).scan.step.nanoseconds)
        #expect(abs(arrival.value - 300) <= step, "found \(arrival.value) ns")
        #expect(run.findings.scanSingles?.count == 51)
    }

    @Test func tomographyOfUncorrelatedClicksIsCloseToTheMixedState() throws {
        let run = try ExperimentFixture.run(try ExperimentFixture.example("tomography-36", cyclesPerSetting: 2_000))
        let fidelity = try #require(run.findings.figure(FigureKey(rawValue: "tomography-fidelity-phi-plus")))
        #expect(abs(fidelity.value - 0.25) < 4 * fidelity.standardError + 0.02, "\(fidelity.value) ± \(fidelity.standardError)")
        let concurrence = try #require(run.findings.figure(FigureKey(rawValue: "concurrence")))
        #expect(concurrence.value < 0.1 + 4 * concurrence.standardError)
        #expect(run.findings.densityMatrixReal?.count == 4)
    }

    @Test func aFullRingIsCountedNeverSilent() throws {
        // A ring of 2 drained every cycle cannot hold a cycle with three or four clicks.
        let run = try ExperimentFixture.run(try ExperimentFixture.example("bell-chsh", cyclesPerSetting: 500),
                                            clickProbability: 0.9, ringCapacity: 2)
        #expect(run.report.clickEventsDropped > 0)
        let seen = run.findings.eventsAnalysed
        let tallied = run.report.total.totalSingles
        #expect(seen + run.report.clickEventsDropped == tallied)
    }
}
