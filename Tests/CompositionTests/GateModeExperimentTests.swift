import Analysis
import Composition
import Experiments
import Firmware
import Foundation
import Records
import Testing
import Vocabulary

/// bell-chsh counted in gate mode (K = 3 side cycles) on the simulated station with the stand-in
/// source, whose four detectors click independently with probability p per pulse.
///
/// Let A_i be the number of arm-A detectors that click in cycle i (mean μ_A = p_A+ + p_A−,
/// variance σ_A² = Σ p(1 − p)), B_i likewise, all cycles independent. Per setting of N cycles:
/// - centre: C = Σ_i A_i·B_i, E[C] = N·μ_A·μ_B;
/// - side pairs: S = Σ over ordered cycle pairs (i, j), 1 ≤ |i − j| ≤ K, of A_i·B_j, over
///   |P| = 2·Σ_{d=1..K}(N − d) pairs, E[S] = |P|·μ_A·μ_B; the baseline per cycle is b = S/|P|.
/// Writing A_i = μ_A + α_i, B_j = μ_B + β_j, the terms linear in α, β are (up to O(K/N) at the
/// setting's ends) the same in b, in C/N and in the product of the measured means Ā·B̄, and
/// cancel in their differences; what is left is Σα_iβ_j over distinct pairs (uncorrelated):
/// - b − Ā·B̄ has σ² = σ_A²σ_B²/|P| ≈ σ_A²σ_B²/(2KN);
/// - C/N − b has σ² = σ_A²σ_B²(1/N + 1/(2KN)), so the centre-to-side ratio R = C/(N·b) has
///   σ_R = σ_Aσ_B·√(1 + 1/(2K)) / (μ_Aμ_B·√N).
/// Over settings weighted by their cycles, N becomes the total. Bounds are 4σ.
@Suite struct GateModeExperimentTests {
    static let sideCycles = 3
    static let p = 0.25

    /// The gate-mode run with its record, and the record read back.
    static func run() throws -> (run: ExperimentRun, record: RunRecord, path: String) {
        var experiment = try ExperimentFixture.example("bell-chsh", cyclesPerSetting: 2_000)
        experiment.timing.coincidenceMode = .gate(sideCycles: sideCycles)
        let path = try ExperimentFixture.temporaryPath("gate.qdotrec")
        let run = try ExperimentFixture.run(experiment, clickProbability: p, record: path)
        return (run, try RunRecord.read(contentsOf: path), path)
    }

    /// The counts of one setting, recounted from the record's clicks by the definitions above
    /// (no `SideCycleTally`, no `CoincidenceRule`).
    static func recount(_ record: RunRecord) -> [SettingCounts] {
        var masks: [Int: [Int64: UInt8]] = [:]   // setting → cycle → detectors that clicked
        var counts = Array(repeating: SettingCounts(), count: record.header.schedule.steps.count)
        for click in record.clicks {
            counts[click.setting].singles[click.channel] += 1
            masks[click.setting, default: [:]][click.cycle, default: 0] |= 1 << click.channel.rawValue
        }
        func arms(_ mask: UInt8) -> (a: [DetectorOutput], b: [DetectorOutput]) {
            (DetectorChannel.allCases.filter { $0.arm == .a && mask & 1 << $0.rawValue != 0 }.map(\.output),
             DetectorChannel.allCases.filter { $0.arm == .b && mask & 1 << $0.rawValue != 0 }.map(\.output))
        }
        for (setting, cycles) in masks {
            for (cycle, mask) in cycles {
                let (a, b) = arms(mask)
                if a.count == 2 || b.count == 2 { counts[setting].doubleClickCycles += 1 }
                for x in a { for y in b { counts[setting].coincidences[DetectorPair(x, y)] += 1 } }
                // A of this cycle with B of the cycles 1…K later and earlier.
                for d in Int64(1)...Int64(sideCycles) {
                    for other in [cycle - d, cycle + d] {
                        guard let otherMask = cycles[other] else { continue }
                        for x in a { for y in arms(otherMask).b { counts[setting].sideCoincidences[DetectorPair(x, y)] += 1 } }
                    }
                }
            }
        }
        for (index, cycles) in record.cyclesPerSetting.enumerated() { counts[index].triggerCycles = cycles }
        return counts
    }

    @Test func theLiveTalliesEqualTheRecountFromTheRecordSidePairsIncluded() throws {
        let (run, record, path) = try Self.run()
        #expect(run.report.complete && run.report.clickEventsDropped == 0)
        // One click per detector per cycle at most (the stand-in's pulse), so singles count cycles.
        #expect(Set(record.clicks.map { "\($0.cycle) \($0.channel.rawValue)" }).count == record.clicks.count)
        let recount = Self.recount(record)
        for (tally, counted) in zip(run.report.settings, recount) {
            #expect(tally.counts.singles == counted.singles, "\(tally.label)")
            #expect(tally.counts.coincidences == counted.coincidences, "\(tally.label)")
            #expect(tally.counts.doubleClickCycles == counted.doubleClickCycles, "\(tally.label)")
            #expect(tally.counts.sideCoincidences == counted.sideCoincidences, "\(tally.label)")
            #expect(tally.counts.triggerCycles == counted.triggerCycles, "\(tally.label)")
            #expect(tally.counts.sideCoincidences.sum > 5 * tally.counts.totalCoincidences, "\(tally.label): 2K side pairs per centre pair")
        }
        // The live pipeline's accumulator agrees with the firmware, side pairs included.
        for (tally, summary) in zip(run.report.settings, run.findings.settings) { #expect(tally.counts == summary.counts) }

        // Written as format version 3 (bytes 8–11, little-endian), whose header holds gate mode.
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(Array(bytes[8..<12]) == [3, 0, 0, 0])
        #expect(record.header.experiment.timing.coincidenceMode == .gate(sideCycles: 3))
        #expect(record.header.schedule.timing.coincidenceMode == .gate(sideCycles: 3))

        // `qdot analyze`'s path reproduces the live findings, the gate figures among them.
        let offline = RecordAnalysis.findings(record)
        #expect(offline.settings == run.findings.settings)
        #expect(offline.figures == run.findings.figures)
        #expect(offline.figure(.accidentalsPerCycle) != nil && offline.figure(.coincidenceToAccidentalRatio) != nil)
        #expect(run.findings.figures.filter { $0.key != .accidentalsPerCycle && $0.key != .coincidenceToAccidentalRatio }
            .allSatisfy { $0.method.contains("gate mode") })
    }

    @Test func independentClicksGiveASideBaselineOfPAPBAndACentreToSideRatioOfOne() throws {
        let (run, _, _) = try Self.run()
        let k = Double(Self.sideCycles)
        var cycles = 0.0, product = 0.0, varianceA = 0.0, varianceB = 0.0, meanA = 0.0, meanB = 0.0
        for tally in run.report.settings {
            let n = Double(tally.counts.triggerCycles)
            func p(_ channel: DetectorChannel) -> Double { Double(tally.counts.singles[channel]) / n }
            let (pA, pB) = (p(.aPlus) + p(.aMinus), p(.bPlus) + p(.bMinus))
            product += n * pA * pB
            meanA += n * pA
            meanB += n * pB
            varianceA += n * (p(.aPlus) * (1 - p(.aPlus)) + p(.aMinus) * (1 - p(.aMinus)))
            varianceB += n * (p(.bPlus) * (1 - p(.bPlus)) + p(.bMinus) * (1 - p(.bMinus)))
            cycles += n
        }
        product /= cycles; meanA /= cycles; meanB /= cycles; varianceA /= cycles; varianceB /= cycles
        #expect(cycles == 14_000)
        // p = 0.25 per detector: μ = 0.5 per arm, σ² = 0.375, baseline 0.25 per cycle.
        let baseline = try #require(run.findings.figure(.accidentalsPerCycle))
        let sigmaBaseline = (varianceA * varianceB / (2 * k * cycles)).squareRoot()   // 0.0013
        #expect(abs(baseline.value - product) < 4 * sigmaBaseline,
                "baseline \(baseline.value) per cycle, p_A·p_B = \(product) ± \(sigmaBaseline)")
        #expect(abs(baseline.value - 0.25) < 0.02)   // and near the source's own 0.5 · 0.5 (σ of p̂_A·p̂_B ≈ 0.003)
        let ratio = try #require(run.findings.figure(.coincidenceToAccidentalRatio))
        let sigmaRatio = (varianceA * varianceB * (1 + 1 / (2 * k)) / cycles).squareRoot() / (meanA * meanB)   // 0.0137
        #expect(abs(ratio.value - 1) < 4 * sigmaRatio, "centre-to-side ratio \(ratio.value) ± \(sigmaRatio)")
        // The figure's own error is of the size derived (it adds the Poisson errors in quadrature,
        // which ignores the cancellation: larger, never several times smaller).
        #expect(ratio.standardError > 0.5 * sigmaRatio, "\(ratio.standardError) vs \(sigmaRatio)")
    }

    @Test func aWindowModeRecordIsReadAsWindowMode() throws {
        let record = try ExperimentFixture.record("bell-chsh", cyclesPerSetting: 100)
        #expect(Array(record.bytes[8..<12]) == [3, 0, 0, 0])
        let read = try RunRecord.read(contentsOf: record.path)
        #expect(read.header.experiment.timing.coincidenceMode == .window)
        #expect(Self.recount(read).allSatisfy { $0.sideCoincidences == .zero } == false)   // the definition finds side pairs …
        let offline = RecordAnalysis.findings(read)
        #expect(offline.settings.allSatisfy { $0.counts.sideCoincidences == .zero })      // … which window mode does not count
        #expect(offline.figure(.accidentalsPerCycle) == nil)
    }
}
