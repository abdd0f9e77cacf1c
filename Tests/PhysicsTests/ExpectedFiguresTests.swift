import Physics
import Testing
import Vocabulary

/// `ExpectedFigures`, the one closed form of what a station's coincidences show, against an exact
/// enumeration of what can happen to the photons of one excited pulse: no algebra shared with the
/// closed form, so a wrong factor in its derivation (λ, λ_key, the rates) shows here to 1e-12.
///
/// Per excited pulse the pair's arm-A photon is detected at A± with probability u_A each (it
/// reaches the PBS with η_A, leaves by either output with ½, is detected with η_det), and jointly
/// with arm B's, P(s_A, s_B) = u_A u_B (1 + s_A s_B E) (Born rule with zero Bloch vectors); with
/// probability p₂ one more photon per arm, each independently at ± with u or missed. A detector
/// clicks if any of its photons is detected.
@Suite struct ExpectedFiguresTests {
    /// Where one photon of an arm ends: detected at + or −, or missed.
    enum Fate: CaseIterable { case plus, minus, missed }

    /// P(pair photons end at `a`, `b`) for correlation `e`.
    static func pairProbability(_ a: Fate, _ b: Fate, uA: Double, uB: Double, e: Double) -> Double {
        func sign(_ f: Fate) -> Double { f == .plus ? 1 : -1 }
        switch (a, b) {
        case (.missed, .missed): return 1 - 2 * uA - 2 * uB + 4 * uA * uB
        case (.missed, _): return uB * (1 - 2 * uA)
        case (_, .missed): return uA * (1 - 2 * uB)
        default: return uA * uB * (1 + sign(a) * sign(b) * e)
        }
    }

    /// P(one extra photon ends at `f`).
    static func extraProbability(_ f: Fate, u: Double) -> Double { f == .missed ? 1 - 2 * u : u }

    /// Per excited pulse, for correlation `e`: P(A+ and B+ click), P(A+ and B− click), … (pairs in
    /// DetectorPair order), and the same for "only A_i and only B_j click" (BBM92's detections).
    static func enumerate(uA: Double, uB: Double, p2: Double, e: Double) -> (any: [Double], only: [Double]) {
        var any = [Double](repeating: 0, count: 4), only = [Double](repeating: 0, count: 4)
        for a in Fate.allCases {
            for b in Fate.allCases {
                let pair = pairProbability(a, b, uA: uA, uB: uB, e: e)
                for extraA in Fate.allCases {
                    for extraB in Fate.allCases {
                        let reexcited = extraProbability(extraA, u: uA) * extraProbability(extraB, u: uB)
                        for withExtra in [false, true] {
                            if !withExtra && (extraA != .missed || extraB != .missed) { continue }
                            let weight = pair * (withExtra ? p2 * reexcited : 1 - p2)
                            let clicksA: Set<Fate> = Set([a, withExtra ? extraA : .missed]).subtracting([.missed])
                            let clicksB: Set<Fate> = Set([b, withExtra ? extraB : .missed]).subtracting([.missed])
                            for (index, pair) in DetectorPair.allCases.enumerated() {
                                let i: Fate = pair.channelA.output == .plus ? .plus : .minus
                                let j: Fate = pair.channelB.output == .plus ? .plus : .minus
                                if clicksA.contains(i) && clicksB.contains(j) { any[index] += weight }
                                if clicksA == [i] && clicksB == [j] { only[index] += weight }
                            }
                        }
                    }
                }
            }
        }
        return (any, only)
    }

    /// E = (N++ + N−− − N+− − N−+)/N of four counts in DetectorPair order.
    static func correlation(_ counts: [Double]) -> Double {
        var same = 0.0, total = 0.0
        for (index, pair) in DetectorPair.allCases.enumerated() {
            same += pair.channelA.output == pair.channelB.output ? counts[index] : -counts[index]
            total += counts[index]
        }
        return same / total
    }

    /// A station whose re-excitation and efficiencies make every term of λ visible.
    static func lossyStation() -> StationParameters {
        var parameters = StationParameters()
        parameters.source.reexcitationProbability = 0.2
        parameters.armA.efficiency = 0.6
        parameters.armB.efficiency = 0.3
        for index in parameters.detectors.indices { parameters.detectors[index].efficiency = index < 2 ? 0.9 : 0.7 }
        return parameters
    }

    @Test func dilutionAndRatesAreThoseOfTheEnumeratedPhotons() throws {
        let expected = try ExpectedFigures(Self.lossyStation())
        let uA = 0.6 * 0.9 / 2, uB = 0.3 * 0.7 / 2
        #expect(abs(expected.detectionPerDetectorA - uA) < 1e-15 && abs(expected.detectionPerDetectorB - uB) < 1e-15)
        let excitation = expected.parameters.source.excitationProbability
        for e in [-0.9, -0.3, 0.5, 1.0] {
            let (any, only) = Self.enumerate(uA: uA, uB: uB, p2: 0.2, e: e)
            #expect(abs(Self.correlation(any) - expected.coincidenceDilution * e) < 1e-12)
            #expect(abs(Self.correlation(only) - expected.keyDilution * e) < 1e-12)
            #expect(abs(excitation * any.reduce(0, +) - expected.coincidencesPerCycle) < 1e-12)
            #expect(abs(excitation * only.reduce(0, +) - expected.keyDetectionsPerCycle) < 1e-12)
        }
        // Here the dilution is far from 1, so the check above can tell λ from 1 and λ from λ_key.
        #expect(expected.coincidenceDilution < 0.9 && expected.keyDilution > expected.coincidenceDilution)
    }

    @Test func withoutReexcitationTheCountsShowThePair() throws {
        var parameters = Self.lossyStation()
        parameters.source.reexcitationProbability = 0
        let expected = try ExpectedFigures(parameters)
        #expect(expected.coincidenceDilution == 1 && expected.keyDilution == 1)
        #expect(expected.fidelity == parameters.source.expectedFidelity)
        #expect(expected.concurrence == parameters.source.expectedConcurrence)
        #expect(expected.secondOrderCorrelation(.a) == 0)
    }

    @Test func theShippedStationsCountsSitBelowThePairsFigures() throws {
        // λ ≈ 0.986 at p₂ = 0.005, u = 0.2 × 0.85/2: the pair's figures are not what a run shows.
        let expected = try ExpectedFigures(StationParameters())
        #expect(expected.coincidenceDilution > 0.98 && expected.coincidenceDilution < 0.99)
        let pair = StationParameters().source
        #expect(pair.expectedFidelity - expected.fidelity > 0.005)
        #expect(pair.expectedConcurrence - expected.concurrence > 0.01)
        // The X state written out: F = ¼(1 + 2T_xx + T_zz), Tr ρ² = ¼(1 + T_zz² + 2d²),
        // S_max = 2√(d² + max(d², T_zz²)) with d² = T_xx² + T_xy².
        let t = expected.measuredCorrelations
        let d2 = t.coherenceCosine * t.coherenceCosine + t.coherenceSine * t.coherenceSine
        #expect(abs(expected.fidelity - 0.25 * (1 + 2 * t.coherenceCosine + t.populationCorrelation)) < 1e-15)
        #expect(abs(expected.purity - 0.25 * (1 + t.populationCorrelation * t.populationCorrelation + 2 * d2)) < 1e-15)
        #expect(abs(expected.maximalCHSH - 2 * (d2 + max(d2, t.populationCorrelation * t.populationCorrelation)).squareRoot()) < 1e-15)
    }

    @Test func unequalDetectorsOfAnArmAreRefused() {
        var parameters = StationParameters()
        parameters.detectors[3].efficiency = 0.5
        #expect(throws: StationDataError.self) { try ExpectedFigures(parameters) }
    }
}
