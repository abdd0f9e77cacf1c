import Vocabulary
import Physics
import RealModule
import Testing

/// Which coincidences occur in each basis. Exact zeros are checked exactly (the Born
/// probability is 0, so not one event may appear); other figures within 4 binomial standard
/// errors √(p(1 − p)/N).
@Suite struct CorrelationTests {
    @Test func horizontalVerticalGivesOnlyHHAndVVWhateverTheSplitting() throws {
        let source = SourceParameters(fineStructureSplittingMicroelectronvolts: 5, entangledFraction: 1)
        let counts = try CoincidenceCounts.measure(TestStations.ideal(source: source), analyzerA: .horizontalVertical,
                                                   analyzerB: .horizontalVertical, pulses: 20_000, seed: 1)
        #expect(counts.total == 20_000)
        #expect(counts.plusMinus == 0 && counts.minusPlus == 0)
        // H and V each half the time: N_HH/N = ½ within 4 SE.
        let fraction = Double(counts.plusPlus) / Double(counts.total)
        #expect(abs(fraction - 0.5) < 4 * (0.25 / Double(counts.total)).squareRoot())
    }

    @Test func diagonalGivesOnlyDDAndAAWithoutSplitting() throws {
        let source = SourceParameters(fineStructureSplittingMicroelectronvolts: 0, entangledFraction: 1)
        let counts = try CoincidenceCounts.measure(TestStations.ideal(source: source), analyzerA: .diagonalAntidiagonal,
                                                   analyzerB: .diagonalAntidiagonal, pulses: 20_000, seed: 2)
        #expect(counts.plusMinus == 0 && counts.minusPlus == 0 && counts.total == 20_000)
        let circular = try CoincidenceCounts.measure(TestStations.ideal(source: source), analyzerA: .rightLeft,
                                                     analyzerB: .rightLeft, pulses: 20_000, seed: 3)
        #expect(circular.plusPlus == 0 && circular.minusMinus == 0, "R correlates with L for |Φ⁺⟩")
    }

    @Test func mixedPartGivesHVAndVHAtRateOneMinusKOverTwo() throws {
        // ρ = k|Φ⁺⟩⟨Φ⁺| + (1 − k)I/4: P(HV) + P(VH) = (1 − k)/2.
        let k = 0.8
        let source = SourceParameters(fineStructureSplittingMicroelectronvolts: 0, entangledFraction: k)
        let counts = try CoincidenceCounts.measure(TestStations.ideal(source: source), analyzerA: .horizontalVertical,
                                                   analyzerB: .horizontalVertical, pulses: 40_000, seed: 4)
        let expected = (1 - k) / 2
        let measured = Double(counts.plusMinus + counts.minusPlus) / Double(counts.total)
        #expect(abs(measured - expected) < 4 * (expected * (1 - expected) / Double(counts.total)).squareRoot())
    }

    @Test(arguments: [(0.0, 22.5), (0.0, 67.5), (45.0, 22.5), (30.0, 0.0)])
    func linearAnalyzersFollowCosineOfTwiceTheAngleDifference(angleA: Double, angleB: Double) throws {
        // |Φ⁺⟩: E(θ_A, θ_B) = cos 2(θ_A − θ_B).
        let source = SourceParameters(fineStructureSplittingMicroelectronvolts: 0, entangledFraction: 1)
        let counts = try CoincidenceCounts.measure(TestStations.ideal(source: source),
                                                   analyzerA: .linear(degrees: angleA),
                                                   analyzerB: .linear(degrees: angleB), pulses: 20_000,
                                                   seed: UInt64(angleA * 10 + angleB))
        let expected = Double.cos(2 * (angleA - angleB) * .pi / 180)
        #expect(abs(counts.correlation - expected) < 4 * max(counts.correlationStandardError, 1e-3),
                "E = \(counts.correlation) ± \(counts.correlationStandardError), expected \(expected)")
    }

    @Test func bornRuleProbabilitiesSumToOneAndMatchTheTensor() {
        let tensor = SourceParameters(fineStructureSplittingMicroelectronvolts: 1).expectedCorrelationTensor
        let a = AnalyzerBasis.linear(degrees: 22.5).plusOutputBlochVector
        let b = AnalyzerBasis.rightLeft.plusOutputBlochVector
        var sum = 0.0
        for plusA in [true, false] {
            for plusB in [true, false] {
                let probability = tensor.jointProbability(plusA: plusA, plusB: plusB, a, b)
                #expect(probability >= 0)
                sum += probability
            }
        }
        #expect(abs(sum - 1) < 1e-12)
    }
}
