import Analysis
import RealModule
import SeededRandom
import Testing

@Suite struct BBM92Tests {
    /// Synthetic detections: random bases on each arm, outcomes equal except with probability `qber`.
    static func detections(count: Int, qber: Double, seed: UInt64) -> [BBM92.Detection] {
        var generator = Xoshiro256StarStar(seed: seed)
        return (0..<count).map { _ in
            let basisA: BBM92.Basis = generator.next() & 1 == 0 ? .rectilinear : .diagonal
            let basisB: BBM92.Basis = generator.next() & 1 == 0 ? .rectilinear : .diagonal
            let bitA = UInt8(generator.next() & 1)
            let flip: UInt8 = generator.nextUnitInterval() < qber ? 1 : 0
            return BBM92.Detection(basisA: basisA, basisB: basisB, bitA: bitA, bitB: bitA ^ flip)
        }
    }

    @Test func knownErrorRateIsReproducedWithinItsError() throws {
        for (seed, qber) in [(UInt64(1), 0.02), (2, 0.05), (3, 0.11)] {
            let result = try BBM92.analyze(Self.detections(count: 200_000, qber: qber, seed: seed), triggerCycles: 1_000_000,
                                           acquisitionTimeSeconds: 10, assumptions: .init(errorCorrectionInefficiency: 1.1))
            // About half the detections sift, half of those per basis.
            #expect(abs(Double(result.siftedRectilinear + result.siftedDiagonal) - 100_000) < 4 * 224)
            #expect(abs(result.qberRectilinear.value - qber) < 4 * result.qberRectilinear.standardError)
            #expect(abs(result.qberDiagonal.value - qber) < 4 * result.qberDiagonal.standardError)
            #expect(result.assumptions.asymptoticKeyLength)
        }
    }

    @Test func secretFractionCrossesZeroNearElevenPercent() throws {
        // 1 − 2 h2(E) = 0 at E = 0.110028 for f = 1 (Shor & Preskill, PRL 85, 441 (2000)).
        let root = 0.1100278644
        #expect(abs(try BBM92.secretFraction(bitErrorRate: root, phaseErrorRate: root, errorCorrectionInefficiency: 1)) < 1e-9)
        #expect(try BBM92.secretFraction(bitErrorRate: 0.109, phaseErrorRate: 0.109, errorCorrectionInefficiency: 1) > 0)
        for e in [0.111, 0.15, 0.3, 0.5] {
            #expect(try BBM92.secretFraction(bitErrorRate: e, phaseErrorRate: e, errorCorrectionInefficiency: 1) == 0)
        }
        #expect(try BBM92.secretFraction(bitErrorRate: 0, phaseErrorRate: 0, errorCorrectionInefficiency: 1.2) == 1)
        // A larger f lowers the threshold.
        #expect(try BBM92.secretFraction(bitErrorRate: 0.1, phaseErrorRate: 0.1, errorCorrectionInefficiency: 1.2) == 0)
        let high = try BBM92.analyze(Self.detections(count: 100_000, qber: 0.2, seed: 9), triggerCycles: 100_000,
                                     assumptions: .init(errorCorrectionInefficiency: 1))
        #expect(high.secretFraction == 0 && high.secretBitsPerCycle == 0 && high.secretKeyRateBitsPerSecond == nil)
    }

    @Test func keyRateIsFractionTimesSiftedKeyBits() throws {
        let data = Self.detections(count: 50_000, qber: 0.0, seed: 4)
        let result = try BBM92.analyze(data, triggerCycles: 500_000, acquisitionTimeSeconds: 5,
                                       assumptions: .init(errorCorrectionInefficiency: 1.16))
        #expect(result.secretFraction == 1)
        #expect(result.secretKeyRateBitsPerSecond == Double(result.siftedRectilinear) / 5)
        #expect(result.secretBitsPerCycle == Double(result.siftedRectilinear) / 500_000)
        // Ψ−-type anticorrelation: with the wrong expectation every sifted bit is an error.
        let wrong = try BBM92.analyze(data, triggerCycles: 500_000,
                                      assumptions: .init(errorCorrectionInefficiency: 1, outcomesAgreeRectilinear: false))
        #expect(wrong.qberRectilinear.value == 1 && wrong.qberDiagonal.value == 0)
    }

    @Test func secretFractionErrorIsTheSpreadOverRepeatedRuns() throws {
        // 100 independent data sets of 10 000 detections at QBER 4 %: the standard deviation of r
        // over them estimates σ_r with a relative error of 1/√(2·99) ≈ 7 %; 4 of those is 28 %.
        var fractions: [Double] = [], reported: [Double] = []
        for seed in 1...100 as ClosedRange<UInt64> {
            let result = try BBM92.analyze(Self.detections(count: 10_000, qber: 0.04, seed: seed), triggerCycles: 10_000,
                                           acquisitionTimeSeconds: 1, assumptions: .init(errorCorrectionInefficiency: 1.16))
            fractions.append(result.secretFraction)
            reported.append(result.secretFractionStandardError)
            // The rate's error holds r's and the sifted count's: larger than either alone.
            let rate = try #require(result.secretKeyRateBitsPerSecond)
            let rateError = try #require(result.secretKeyRateStandardErrorBitsPerSecond)
            #expect(rateError > Double(result.siftedRectilinear) * result.secretFractionStandardError)
            #expect(rateError > rate / Double(result.siftedRectilinear).squareRoot())
        }
        let mean = fractions.reduce(0, +) / 100
        let spread = (fractions.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 99).squareRoot()
        let typical = reported.reduce(0, +) / 100
        #expect(abs(spread / typical - 1) < 0.28, "spread \(spread), reported \(typical)")
        // By hand at E_bit = E_phase = 0.04, σ = 0.004: h2′ = log2(24) = 4.585, σ_r = 4.585·0.004·√(1.16² + 1).
        let byHand = Double.log2(24) * 0.004 * (1.16 * 1.16 + 1).squareRoot()
        let formula = BBM92.secretFractionStandardError(bitErrorRate: Estimate(value: 0.04, standardError: 0.004),
                                                        phaseErrorRate: Estimate(value: 0.04, standardError: 0.004),
                                                        errorCorrectionInefficiency: 1.16)
        #expect(abs(formula - byHand) < 1e-12)
        // No error where the QBER is exactly 0 (binomial error 0, h2′ infinite): never NaN.
        #expect(BBM92.secretFractionStandardError(bitErrorRate: Estimate(value: 0, standardError: 0),
                                                  phaseErrorRate: Estimate(value: 0, standardError: 0),
                                                  errorCorrectionInefficiency: 1) == 0)
    }

    @Test func badInputIsDescribed() throws {
        let data = Self.detections(count: 100, qber: 0, seed: 1)
        #expect(throws: AnalysisError.self) { try BBM92.analyze(data, triggerCycles: 0, assumptions: .init(errorCorrectionInefficiency: 1)) }
        #expect(throws: AnalysisError.self) { try BBM92.analyze(data, triggerCycles: 50, assumptions: .init(errorCorrectionInefficiency: 1)) }
        #expect(throws: AnalysisError.self) { try BBM92.analyze(data, triggerCycles: 100, assumptions: .init(errorCorrectionInefficiency: 0.9)) }
        #expect(throws: AnalysisError.self) {
            try BBM92.analyze(data, triggerCycles: 100, assumptions: .init(errorCorrectionInefficiency: .nan))
        }
        #expect(throws: AnalysisError.self) {
            try BBM92.analyze([BBM92.Detection(basisA: .rectilinear, basisB: .rectilinear, bitA: 2, bitB: 0)], triggerCycles: 1,
                              assumptions: .init(errorCorrectionInefficiency: 1))
        }
        let onlyRectilinear = [BBM92.Detection(basisA: .rectilinear, basisB: .rectilinear, bitA: 0, bitB: 0)]
        let error = #expect(throws: AnalysisError.self) {
            try BBM92.analyze(onlyRectilinear, triggerCycles: 1, assumptions: .init(errorCorrectionInefficiency: 1))
        }
        #expect(error?.description.contains("D/A") == true)
        #expect(throws: AnalysisError.self) { try BBM92.secretFraction(bitErrorRate: -0.1, phaseErrorRate: 0, errorCorrectionInefficiency: 1) }
    }
}
