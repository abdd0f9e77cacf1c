import Vocabulary
import Firmware
import Physics
import Testing

/// Concurrence and fidelity of the source, reconstructed from the firmware's own coincidence
/// counts in the HV, DA and RL bases on the simulated board, against the time-integrated closed
/// forms. Error: the binomial standard error of each correlation, √((1 − E²)/N), propagated to
/// F and C to first order (delta method); agreement within 4 standard errors (exact where every
/// E is ±1, whose binomial error is zero).
@Suite struct EntanglementOnTheBoardTests {
    static let cyclesPerSetting = 3_000

    /// The five correlations of the X state, measured by the firmware in one run.
    struct MeasuredTensor {
        var zz, xx, yy, xy, yx: SettingCounts

        init(_ parameters: StationParameters, seed: UInt64) throws {
            let n = EntanglementOnTheBoardTests.cyclesPerSetting
            let hv = TestStation.horizontalVertical, da = TestStation.diagonalAntidiagonal, rl = TestStation.rightLeft
            let run = try PhysicsStationRun(parameters, steps: [
                .init(label: "HV/HV", codeA: hv, codeB: hv, cycles: n), .init(label: "DA/DA", codeA: da, codeB: da, cycles: n),
                .init(label: "RL/RL", codeA: rl, codeB: rl, cycles: n), .init(label: "DA/RL", codeA: da, codeB: rl, cycles: n),
                .init(label: "RL/DA", codeA: rl, codeB: da, cycles: n),
            ], seed: seed)
            #expect(run.report.complete && run.report.lostEdges == 0)
            zz = try run.tally("HV/HV"); xx = try run.tally("DA/DA"); yy = try run.tally("RL/RL")
            xy = try run.tally("DA/RL"); yx = try run.tally("RL/DA")
        }

        /// F = ⟨Φ⁺|ρ|Φ⁺⟩ = ¼(1 + E_xx − E_yy + E_zz), SE = ¼√(σ_xx² + σ_yy² + σ_zz²).
        var fidelity: (value: Double, standardError: Double) {
            let value = 0.25 * (1 + xx.correlation - yy.correlation + zz.correlation)
            let variance = [xx, yy, zz].map { $0.correlationStandardError * $0.correlationStandardError }.reduce(0, +)
            return (value, 0.25 * variance.squareRoot())
        }

        /// For the X state C = ½√(u² + v²) − ½(1 − E_zz) with u = E_xx − E_yy, v = E_xy + E_yx
        /// (Wootters, PRL 80, 2245 (1998)); delta-method gradient ∂C/∂E_xx = −∂C/∂E_yy = u/(2r),
        /// ∂C/∂E_xy = ∂C/∂E_yx = v/(2r), ∂C/∂E_zz = ½, r = √(u² + v²).
        var concurrence: (value: Double, standardError: Double) {
            let u = xx.correlation - yy.correlation
            let v = xy.correlation + yx.correlation
            let r = (u * u + v * v).squareRoot()
            func squared(_ x: Double) -> Double { x * x }
            let variance = squared(u / (2 * r)) * (squared(xx.correlationStandardError) + squared(yy.correlationStandardError))
                + squared(v / (2 * r)) * (squared(xy.correlationStandardError) + squared(yx.correlationStandardError))
                + squared(0.5 * zz.correlationStandardError)
            return (0.5 * r - 0.5 * (1 - zz.correlation), variance.squareRoot())
        }
    }

    @Test(arguments: [0.0, 1.0, 2.5])
    func concurrenceAndFidelityFollowTheFineStructureSplitting(splittingMicroelectronvolts: Double) throws {
        let parameters = try TestStation.ideal {
            $0.source.fineStructureSplittingMicroelectronvolts = splittingMicroelectronvolts
            $0.source.entangledFraction = 1
        }
        // C = 1/√(1 + x²), F = ½(1 + 1/(1 + x²)), x = S·τ_X/ħ (ħ = 658.2119569 µeV·ps), written out.
        let x = splittingMicroelectronvolts * parameters.source.excitonLifetimePicoseconds / 658.211_956_9
        let closedFormConcurrence = 1 / (1 + x * x).squareRoot()
        let closedFormFidelity = 0.5 * (1 + 1 / (1 + x * x))
        #expect(abs(parameters.source.expectedConcurrence - closedFormConcurrence) < 1e-12)
        #expect(abs(parameters.source.expectedFidelity - closedFormFidelity) < 1e-12)

        let measured = try MeasuredTensor(parameters, seed: 40 + UInt64(splittingMicroelectronvolts * 10))
        let (concurrence, concurrenceError) = measured.concurrence
        let (fidelity, fidelityError) = measured.fidelity
        #expect(abs(concurrence - closedFormConcurrence) <= 4 * concurrenceError + 1e-12,
                "C = \(concurrence) ± \(concurrenceError), closed form \(closedFormConcurrence)")
        #expect(abs(fidelity - closedFormFidelity) <= 4 * fidelityError + 1e-12,
                "F = \(fidelity) ± \(fidelityError), closed form \(closedFormFidelity)")
    }

    @Test func hudsonModelWithMixedPairsSpinScatteringAndCrossDephasing() throws {
        let parameters = try TestStation.ideal {
            $0.source.fineStructureSplittingMicroelectronvolts = 1.5
            $0.source.entangledFraction = 0.85
            $0.source.spinScatteringTimePicoseconds = 2_000
            $0.source.crossDephasingTimePicoseconds = 1_000
        }
        // Hudson et al., PRL 99, 266802 (2007), written out: g_H = 1/(1 + τ_X/τ_SS),
        // g_HV = 1/(1 + τ_X/τ_SS + τ_X/τ_HV), x = S·τ_X/ħ;
        // f⁺ = ¼[1 + k g_H + 2k g_HV/(1 + (x g_HV)²)], C = ½(k g_H − 1) + k g_HV/√(1 + (x g_HV)²).
        let k = 0.85, tauX = parameters.source.excitonLifetimePicoseconds
        let gH = 1 / (1 + tauX / 2_000), gHV = 1 / (1 + tauX / 2_000 + tauX / 1_000)
        let x = 1.5 * tauX / 658.211_956_9
        let closedFormFidelity = 0.25 * (1 + k * gH + 2 * k * gHV / (1 + (x * gHV) * (x * gHV)))
        let closedFormConcurrence = 0.5 * (k * gH - 1) + k * gHV / (1 + (x * gHV) * (x * gHV)).squareRoot()
        #expect(abs(parameters.source.expectedFidelity - closedFormFidelity) < 1e-12)
        #expect(abs(parameters.source.expectedConcurrence - closedFormConcurrence) < 1e-12)

        let measured = try MeasuredTensor(parameters, seed: 77)
        let (concurrence, concurrenceError) = measured.concurrence
        let (fidelity, fidelityError) = measured.fidelity
        #expect(abs(concurrence - closedFormConcurrence) <= 4 * concurrenceError,
                "C = \(concurrence) ± \(concurrenceError), Hudson et al. \(closedFormConcurrence)")
        #expect(abs(fidelity - closedFormFidelity) <= 4 * fidelityError,
                "F = \(fidelity) ± \(fidelityError), Hudson et al. \(closedFormFidelity)")
    }

    /// |Φ⁺⟩ at S = 0: H/V gives only HH and VV, D/A only DD and AA (no binomial spread at all);
    /// with a mixed part 1 − k, HV and VH come back at the rate (1 − k)/2 of all coincidences.
    @Test func basisCorrelationsOfThePairState() throws {
        let hv = TestStation.horizontalVertical, da = TestStation.diagonalAntidiagonal
        let pure = try PhysicsStationRun(TestStation.ideal {
            $0.source.fineStructureSplittingMicroelectronvolts = 0
            $0.source.entangledFraction = 1
        }, steps: [.init(label: "HV", codeA: hv, codeB: hv, cycles: 1_000), .init(label: "DA", codeA: da, codeB: da, cycles: 1_000)])
        for label in ["HV", "DA"] {
            let tally = try pure.tally(label)
            #expect(tally.coincidences[.plusMinus] == 0 && tally.coincidences[.minusPlus] == 0, "\(label): \(tally.coincidences)")
            #expect(tally.totalCoincidences == 1_000, "\(label): every cycle gives a pair")
        }
        let mixed = try PhysicsStationRun(TestStation.ideal {
            $0.source.fineStructureSplittingMicroelectronvolts = 0
            $0.source.entangledFraction = 0.8
        }, steps: [.init(label: "HV", codeA: hv, codeB: hv, cycles: 4_000)], seed: 9)
        let tally = try mixed.tally("HV")
        // P(HV or VH) = (1 − k)/2 = 0.1; binomial SE √(p(1 − p)/N).
        let wrong = Double(tally.coincidences[.plusMinus] + tally.coincidences[.minusPlus]) / Double(tally.totalCoincidences)
        let error = (0.1 * 0.9 / Double(tally.totalCoincidences)).squareRoot()
        #expect(abs(wrong - 0.1) <= 4 * error, "HV+VH fraction \(wrong) ± \(error), expected 0.1")
    }
}
