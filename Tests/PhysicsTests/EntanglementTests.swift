import Physics
import RealModule
import Testing

/// Concurrence and fidelity reconstructed from simulated coincidences in the HV, DA and RL bases,
/// against the time-integrated closed forms. Statistical error: the binomial standard error of
/// each correlation, √((1 − E²)/N), propagated to F and C to first order (delta method);
/// agreement is required within 4 standard errors (exact agreement where every E is ±1, whose
/// binomial error is zero).
@Suite struct EntanglementTests {
    static let pulsesPerSetting = 40_000

    /// The five correlations the X state needs, measured: E_zz (HV,HV), E_xx (DA,DA),
    /// E_yy (RL,RL), E_xy (DA,RL), E_yx (RL,DA).
    struct MeasuredTensor {
        var zz: CoincidenceCounts
        var xx: CoincidenceCounts
        var yy: CoincidenceCounts
        var xy: CoincidenceCounts
        var yx: CoincidenceCounts

        init(_ parameters: StationParameters, seed: UInt64) throws {
            let pulses = EntanglementTests.pulsesPerSetting
            zz = try .measure(parameters, analyzerA: .horizontalVertical, analyzerB: .horizontalVertical, pulses: pulses, seed: seed)
            xx = try .measure(parameters, analyzerA: .diagonalAntidiagonal, analyzerB: .diagonalAntidiagonal, pulses: pulses, seed: seed + 1)
            yy = try .measure(parameters, analyzerA: .rightLeft, analyzerB: .rightLeft, pulses: pulses, seed: seed + 2)
            xy = try .measure(parameters, analyzerA: .diagonalAntidiagonal, analyzerB: .rightLeft, pulses: pulses, seed: seed + 3)
            yx = try .measure(parameters, analyzerA: .rightLeft, analyzerB: .diagonalAntidiagonal, pulses: pulses, seed: seed + 4)
        }

        /// F = ⟨Φ⁺|ρ|Φ⁺⟩ = ¼(1 + E_xx − E_yy + E_zz), SE = ¼√(σ_xx² + σ_yy² + σ_zz²).
        var fidelity: (value: Double, standardError: Double) {
            let value = 0.25 * (1 + xx.correlation - yy.correlation + zz.correlation)
            let variance = xx.correlationStandardError * xx.correlationStandardError
                + yy.correlationStandardError * yy.correlationStandardError
                + zz.correlationStandardError * zz.correlationStandardError
            return (value, 0.25 * variance.squareRoot())
        }

        /// For the X state |ρ_HH,VV| = ¼√(u² + v²) with u = E_xx − E_yy, v = E_xy + E_yx, and
        /// ρ_HV,HV = ρ_VH,VH = ¼(1 − E_zz), so C = 2(|ρ_HH,VV| − ρ_HV,HV) = ½√(u²+v²) − ½(1 − E_zz)
        /// (Wootters 1998). Gradient for the delta method: ∂C/∂E_xx = −∂C/∂E_yy = u/(2r),
        /// ∂C/∂E_xy = ∂C/∂E_yx = v/(2r), ∂C/∂E_zz = ½, r = √(u²+v²).
        var concurrence: (value: Double, standardError: Double) {
            let u = xx.correlation - yy.correlation
            let v = xy.correlation + yx.correlation
            let r = (u * u + v * v).squareRoot()
            let value = 0.5 * r - 0.5 * (1 - zz.correlation)
            func squared(_ x: Double) -> Double { x * x }
            let variance = squared(u / (2 * r)) * (squared(xx.correlationStandardError) + squared(yy.correlationStandardError))
                + squared(v / (2 * r)) * (squared(xy.correlationStandardError) + squared(yx.correlationStandardError))
                + squared(0.5 * zz.correlationStandardError)
            return (value, variance.squareRoot())
        }
    }

    @Test(arguments: [0.0, 1.0, 2.5, 5.0])
    func concurrenceAndFidelityFollowTheFineStructureSplitting(splittingMicroelectronvolts: Double) throws {
        let source = SourceParameters(fineStructureSplittingMicroelectronvolts: splittingMicroelectronvolts,
                                      entangledFraction: 1)
        // C = 1/√(1 + x²), x = S·τ_X/ħ, written out here independently of the library.
        let x = splittingMicroelectronvolts * source.excitonLifetimePicoseconds / 658.2119569
        let closedFormConcurrence = 1 / (1 + x * x).squareRoot()
        let closedFormFidelity = 0.25 * (2 + 2 / (1 + x * x))
        #expect(abs(source.expectedConcurrence - closedFormConcurrence) < 1e-12)
        #expect(abs(source.expectedFidelity - closedFormFidelity) < 1e-12)

        let measured = try MeasuredTensor(TestStations.ideal(source: source), seed: 100 + UInt64(splittingMicroelectronvolts * 10))
        let (concurrence, concurrenceError) = measured.concurrence
        let (fidelity, fidelityError) = measured.fidelity
        #expect(abs(concurrence - closedFormConcurrence) <= 4 * concurrenceError + 1e-12,
                "C = \(concurrence) ± \(concurrenceError), closed form \(closedFormConcurrence)")
        #expect(abs(fidelity - closedFormFidelity) <= 4 * fidelityError + 1e-12,
                "F = \(fidelity) ± \(fidelityError), closed form \(closedFormFidelity)")
    }

    @Test func hudsonModelWithMixedPairsSpinScatteringAndCrossDephasing() throws {
        let source = SourceParameters(fineStructureSplittingMicroelectronvolts: 1.5, entangledFraction: 0.85,
                                      spinScatteringTimePicoseconds: 2_000, crossDephasingTimePicoseconds: 1_000)
        // Hudson et al. (2007), written out: g_H = 1/(1 + τ_X/τ_SS), g_HV = 1/(1 + τ_X/τ_SS + τ_X/τ_HV),
        // f⁺ = ¼[1 + k g_H + 2k g_HV/(1 + (x g_HV)²)], C = ½(k g_H − 1) + k g_HV/√(1 + (x g_HV)²).
        let k = 0.85, tauX = 250.0
        let gH = 1 / (1 + tauX / 2_000)
        let gHV = 1 / (1 + tauX / 2_000 + tauX / 1_000)
        let x = 1.5 * tauX / 658.2119569
        let hudsonFidelity = 0.25 * (1 + k * gH + 2 * k * gHV / (1 + (x * gHV) * (x * gHV)))
        let hudsonConcurrence = 0.5 * (k * gH - 1) + k * gHV / (1 + (x * gHV) * (x * gHV)).squareRoot()
        #expect(abs(source.expectedFidelity - hudsonFidelity) < 1e-12)
        #expect(abs(source.expectedConcurrence - hudsonConcurrence) < 1e-12)

        let measured = try MeasuredTensor(TestStations.ideal(source: source), seed: 7)
        let (concurrence, concurrenceError) = measured.concurrence
        let (fidelity, fidelityError) = measured.fidelity
        #expect(abs(concurrence - hudsonConcurrence) < 4 * concurrenceError,
                "C = \(concurrence) ± \(concurrenceError), Hudson \(hudsonConcurrence)")
        #expect(abs(fidelity - hudsonFidelity) < 4 * fidelityError,
                "F = \(fidelity) ± \(fidelityError), Hudson \(hudsonFidelity)")
        let tensor = source.expectedCorrelationTensor
        #expect(abs(measured.zz.correlation - tensor.populationCorrelation) < 4 * measured.zz.correlationStandardError)
        // R/L's + output is R at −y, so E(D/A, R/L) = −T_xy.
        #expect(abs(measured.xy.correlation + tensor.coherenceSine) < 4 * measured.xy.correlationStandardError)
    }
}
