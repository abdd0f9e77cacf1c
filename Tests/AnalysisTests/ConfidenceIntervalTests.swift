import Analysis
import RealModule
import SeededRandom
import Testing
import Vocabulary

/// The intervals behind the figures, each against its defining property or a closed form worked
/// out here, and their coverage by seeded simulation. α = 1 − 0.6827 throughout (z = 1).
@Suite struct ConfidenceIntervalTests {
    static let alpha = 1 - ConfidenceInterval.oneSigmaLevel

    /// P(X ≥ k) for X ~ Binomial(n, p), summed term by term in logs (no incomplete beta involved).
    static func upperTail(_ k: Int, of n: Int, p: Double) -> Double {
        var sum = 0.0
        for j in k...n {
            let logTerm = Double.logGamma(Double(n + 1)) - Double.logGamma(Double(j + 1)) - Double.logGamma(Double(n - j + 1))
                + Double(j) * Double.log(p) + Double(n - j) * Double.log(onePlus: -p)
            sum += Double.exp(logTerm)
        }
        return sum
    }

    @Test func theOneSigmaLevelIsThatOfTheNormalDistribution() {
        #expect(abs(ConfidenceInterval.oneSigmaLevel - Double.erf(1 / 2.0.squareRoot())) < 1e-15)
    }

    @Test func clopperPearsonLimitsHaveTheirTailProbabilities() throws {
        // Defining property: P(X ≥ k | lower) = α/2 and P(X ≤ k | upper) = α/2.
        for (k, n) in [(1, 5), (7, 20), (3, 1_000), (480, 1_000)] {
            let interval = try ConfidenceInterval.clopperPearson(successes: Double(k), trials: Double(n))
            #expect(abs(Self.upperTail(k, of: n, p: interval.lower) - Self.alpha / 2) < 1e-9, "k = \(k), n = \(n)")
            #expect(abs(1 - Self.upperTail(k + 1, of: n, p: interval.upper) - Self.alpha / 2) < 1e-9, "k = \(k), n = \(n)")
        }
        // At the edges: P(X = 0 | p) = (1 − p)ⁿ = α/2 gives upper = 1 − (α/2)^{1/n}; mirrored at k = n.
        for n in [1, 50, 100_000] {
            let none = try ConfidenceInterval.clopperPearson(successes: 0, trials: Double(n))
            #expect(none.lower == 0 && abs(none.upper - (1 - Double.pow(Self.alpha / 2, 1 / Double(n)))) < 1e-12)
            let all = try ConfidenceInterval.clopperPearson(successes: Double(n), trials: Double(n))
            #expect(all.upper == 1 && abs(all.lower - Double.pow(Self.alpha / 2, 1 / Double(n))) < 1e-12)
        }
        #expect(throws: AnalysisError.self) { try ConfidenceInterval.clopperPearson(successes: 3, trials: 2) }
        #expect(throws: AnalysisError.self) { try ConfidenceInterval.clopperPearson(successes: 0, trials: 0) }
    }

    @Test func clopperPearsonCoversAtLeastItsLevel() throws {
        // 4 000 seeded binomial draws each: coverage ≥ level − 4σ_MC, σ_MC = √(0.68·0.32/4000) ≈ 0.0074
        // (it is exact: it never covers less in truth, only in the finite sample of draws).
        var generator = Xoshiro256StarStar(seed: 11)
        for (p, n) in [(0.002, 500), (0.03, 1_000), (0.5, 40)] {
            var covered = 0
            let draws = 4_000
            for _ in 0..<draws {
                var k = 0
                for _ in 0..<n where generator.nextUnitInterval() < p { k += 1 }
                let interval = try ConfidenceInterval.clopperPearson(successes: Double(k), trials: Double(n))
                if interval.lower <= p && p <= interval.upper { covered += 1 }
            }
            let coverage = Double(covered) / Double(draws)
            #expect(coverage >= ConfidenceInterval.oneSigmaLevel - 4 * 0.0074, "p = \(p), n = \(n): coverage \(coverage)")
        }
    }

    @Test func poissonScoreSolvesItsScoreEquation() throws {
        // (N − μ)²/μ = 1 at both limits; for N = 0 that is μ = 0 and μ = 1.
        for n in [0.0, 4, 2_500] {
            let interval = try ConfidenceInterval.poissonScore(count: n)
            for mu in [interval.lower, interval.upper] where mu > 0 { #expect(abs((n - mu) * (n - mu) / mu - 1) < 1e-9) }
        }
        let empty = try ConfidenceInterval.poissonScore(count: 0)
        #expect(empty.lower == 0 && abs(empty.upper - 1) < 1e-15)
    }

    @Test func moverAddsSidesInQuadratureAndAddsNothingAtAnEdge() {
        // Symmetric intervals θ̂ ± σ: the plain sum in quadrature.
        let a = ConfidenceInterval(lower: 0.7, upper: 0.9, confidenceLevel: 0.68, method: "")
        let b = ConfidenceInterval(lower: 0.1, upper: 0.4, confidenceLevel: 0.68, method: "")
        let sum = ConfidenceInterval.mover([.init(weight: 1, estimate: 0.8, interval: a), .init(weight: -2, estimate: 0.25, interval: b)],
                                           constant: 1, method: "m")
        // 1 + 0.8 − 0.5 = 1.3; below: √(0.1² + (−0.5 − (−0.8))²) = √0.1; above: √(0.1² + (−0.2 − (−0.5))²) = √0.1.
        #expect(abs(sum.lower - (1.3 - 0.1.squareRoot())) < 1e-15 && abs(sum.upper - (1.3 + 0.1.squareRoot())) < 1e-15)
        // Three terms at their upper edge: the sum's upper limit is the edge.
        let edge = ConfidenceInterval(lower: 0.99, upper: 1, confidenceLevel: 0.68, method: "")
        let atEdge = ConfidenceInterval.mover(Array(repeating: .init(weight: 1, estimate: 1, interval: edge), count: 3),
                                              method: "m")
        #expect(atEdge.upper == 3 && abs(atEdge.lower - (3 - 0.0003.squareRoot())) < 1e-12)
    }

    @Test func aNormalIntervalClippedToItsRangeKeepsTheFullWidthAwayFromTheEdge() {
        // value ± σ inside [0, 1]: cut at the edge the value is near, whole on the other side.
        let nearZero = ConfidenceInterval.normal(value: 0.002, standardError: 0.009, range: 0...1, method: "n")
        #expect(nearZero.lower == 0 && abs(nearZero.upper - 0.011) < 1e-15)
        let inside = ConfidenceInterval.normal(value: 0.5, standardError: 0.1, range: 0...1, method: "n")
        #expect(inside.lower == 0.4 && inside.upper == 0.6 && inside.confidenceLevel == ConfidenceInterval.oneSigmaLevel)
    }

    @Test func aPerfectVisibilityHasAnIntervalBelowOne() throws {
        // 500 coincidences, all in equal outputs: V = 1 ± 0, and E's interval 2·[(α/2)^{1/500}, 1] − 1
        // (Clopper–Pearson's lower limit at k = n).
        let counts = SettingCounts(coincidences: PerPair(260, 0, 0, 240))
        let v = try counts.visibility()
        #expect(v.value == 1 && v.standardError == 0)
        let interval = try #require(v.interval)
        let lower = 2 * Double.pow(Self.alpha / 2, 1 / 500.0) - 1
        #expect(abs(interval.lower - lower) < 1e-12 && interval.upper == 1)
        // Anticorrelated (E = −1): the same interval for |E|.
        let anticorrelated = try #require(try SettingCounts(coincidences: PerPair(0, 250, 250, 0)).visibility().interval)
        #expect(abs(anticorrelated.lower - lower) < 1e-12 && anticorrelated.upper == 1)
        // E's interval straddling 0: |E| from 0.
        let mixed = try SettingCounts(coincidences: PerPair(26, 25, 25, 24)).visibility()
        #expect(mixed.interval?.lower == 0 && (mixed.interval?.upper ?? 0) > mixed.value)
    }

    @Test func accidentalsMoveTheCorrelationsIntervalWithIt() throws {
        // E = (S − D − (a_S − a_D))/(N − a) is increasing in p = S_raw/N_raw: the limits are E at
        // p's limits, and the value sits between them.
        var counts = SettingCounts(coincidences: PerPair(900, 100, 50, 950))
        counts.accidentals = PerPair(repeating: 25)
        let e = try counts.correlation()
        let fraction = try ConfidenceInterval.clopperPearson(successes: 1_850, trials: 2_000)
        #expect(abs(e.interval!.lower - (2_000 * (2 * fraction.lower - 1)) / 1_900) < 1e-12)
        #expect(e.interval!.lower < e.value && e.value < e.interval!.upper)
    }

    @Test func aQBEROfZeroAndAnEmptyCentrePeakHaveUpperLimits() throws {
        // 1 000 sifted bits per basis, no errors: QBER 0 ± 0, upper limit 1 − (α/2)^{1/1000};
        // r = 1 at both QBERs 0, its lower limit set by those upper limits.
        var detections: [BBM92.Detection] = []
        for index in 0..<4_000 {
            let basis: BBM92.Basis = index % 2 == 0 ? .rectilinear : .diagonal
            let other: BBM92.Basis = index % 4 < 2 ? basis : (basis == .rectilinear ? .diagonal : .rectilinear)
            detections.append(BBM92.Detection(basisA: basis, basisB: other, bitA: UInt8(index % 3 == 0 ? 1 : 0),
                                              bitB: UInt8(index % 3 == 0 ? 1 : 0)))
        }
        let result = try BBM92.analyze(detections, triggerCycles: 10_000, acquisitionTimeSeconds: 2,
                                       assumptions: BBM92.Assumptions(errorCorrectionInefficiency: 1.2))
        #expect(result.siftedRectilinear == 1_000 && result.qberRectilinear.value == 0 && result.qberRectilinear.standardError == 0)
        let upper = 1 - Double.pow(Self.alpha / 2, 1 / 1_000.0)
        #expect(abs(result.qberRectilinear.interval!.upper - upper) < 1e-12)
        #expect(result.secretFraction == 1 && result.secretFractionStandardError == 0)
        func h(_ p: Double) -> Double { -p * Double.log2(p) - (1 - p) * Double.log2(1 - p) }
        let lower = 1 - ((1.2 * h(upper)) * (1.2 * h(upper)) + h(upper) * h(upper)).squareRoot()
        #expect(result.secretFractionInterval.upper == 1 && abs(result.secretFractionInterval.lower - lower) < 1e-12)
        #expect(result.secretKeyRateInterval!.lower < result.secretKeyRateBitsPerSecond!)

        // g2(0) with an empty centre peak over 6 side peaks summing to 7 000: [0, 6π/(1 − π)],
        // π = 1 − (α/2)^{1/7000} the Clopper–Pearson upper limit of 0 out of 7 000.
        let g2 = try PulsedG2.estimate(centrePeak: 0, sidePeaks: [1_000, 1_200, 1_100, 1_300, 1_250, 1_150])
        let pi = 1 - Double.pow(Self.alpha / 2, 1 / 7_000.0)
        #expect(g2.value == 0 && g2.interval!.lower == 0 && abs(g2.interval!.upper - 6 * pi / (1 - pi)) < 1e-12)
    }

    @Test func chshAndFidelityIntervalsReachTheirEdges() throws {
        // Counts with E = ±1 in every setting (made by hand: no state gives them at the CHSH angles)
        // reach the algebraic edge S = 4, and F = 1, where every E's error is 0.
        let same = SettingCounts(coincidences: PerPair(300, 0, 0, 300))
        let different = SettingCounts(coincidences: PerPair(0, 300, 300, 0))
        let s = try BellTest.chsh(ab: same, abPrime: different, aPrimeB: same, aPrimeBPrime: same)
        #expect(s.value == 4 && s.standardError == 0 && s.interval!.upper == 4 && s.interval!.lower < 4)
        let f = try BellTest.fidelity(to: .phiPlus, horizontalVertical: same, diagonalAntidiagonal: same, rightLeft: different)
        #expect(f.value == 1 && f.standardError == 0 && f.interval!.upper == 1 && f.interval!.lower < 1)
        // Each |E|'s lower limit is 2(α/2)^{1/600} − 1, 1 − d below 1; four in quadrature: 4 − 2d.
        let d = 2 - 2 * Double.pow(Self.alpha / 2, 1 / 600.0)
        #expect(abs(s.interval!.lower - (4 - 2 * d)) < 1e-12)
    }
}
