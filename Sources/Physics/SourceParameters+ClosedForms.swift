/// Time-integrated closed forms of the emitted pair: what the dot sends into the two arms.
///
/// These are the pair's figures, not what a station's coincidences show: re-excitation photons
/// dilute every correlation the counts show by λ ≈ 0.986 at the shipped station, so compare a
/// run with ``ExpectedFigures`` (which starts from these) and never with these directly.
///
/// The pair's time-integrated state is the "X state" of Hudson et al., Phys. Rev. Lett. 99,
/// 266802 (2007). With the exciton decaying at rate 1/τ_X after the XX photon, spin scattering
/// at rate 1/τ_SS (which leaves the pair unpolarized), cross-dephasing at rate 1/τ_HV and
/// precession φ = S·Δt/ħ, averaging over the exponential Δt gives
///
///     population correlation  g_H  = ∫ e^{−t/τ_X} e^{−t/τ_SS} dt/τ_X = 1/(1 + τ_X/τ_SS)
///     coherence              c    = ∫ e^{−t/τ_X} e^{−t/τ_SS − t/τ_HV} e^{iSt/ħ} dt/τ_X
///                                 = g_HV (1 + i x g_HV)/(1 + (x g_HV)²),
///     with g_HV = 1/(1 + τ_X/τ_SS + τ_X/τ_HV) and x = S·τ_X/ħ,
///
/// and the density matrix in the basis HH, HV, VH, VV is ¼[[1+k g_H,0,0,2k c*],[0,1−k g_H,0,0],
/// [0,0,1−k g_H,0],[2k c,0,0,1+k g_H]]: these are the fidelity f⁺ and concurrence C that
/// Hudson et al. give for their model. With k = 1 and no scattering or dephasing, C = 1/√(1+x²).
extension SourceParameters {
    /// x = S·τ_X/ħ, the phase the fine-structure splitting turns during one exciton lifetime.
    public var fineStructurePrecessionPerLifetime: Double {
        fineStructureSplittingMicroelectronvolts * excitonLifetimePicoseconds
            / PhysicalConstants.reducedPlanckMicroelectronvoltPicoseconds
    }

    /// g_H = 1/(1 + τ_X/τ_SS): the fraction of coherent pairs whose exciton spin did not scatter.
    public var populationCorrelationFactor: Double {
        guard let spinScatteringTimePicoseconds else { return 1 }
        return 1 / (1 + excitonLifetimePicoseconds / spinScatteringTimePicoseconds)
    }

    /// g_HV = 1/(1 + τ_X/τ_SS + τ_X/τ_HV): the coherence left after scattering and cross-dephasing.
    public var coherenceFactor: Double {
        var denominator = 1.0
        if let spinScatteringTimePicoseconds { denominator += excitonLifetimePicoseconds / spinScatteringTimePicoseconds }
        if let crossDephasingTimePicoseconds { denominator += excitonLifetimePicoseconds / crossDephasingTimePicoseconds }
        return 1 / denominator
    }

    /// The time-integrated correlation tensor T_ij = ⟨σ_i ⊗ σ_j⟩ (i, j ∈ x=D/A, y=L/R, z=H/V):
    /// T_xx = k Re c, T_yy = −k Re c, T_xy = T_yx = k Im c, T_zz = k g_H, the rest 0.
    public var expectedCorrelationTensor: CorrelationTensor {
        let x = fineStructurePrecessionPerLifetime
        let g = coherenceFactor
        let denominator = 1 + (x * g) * (x * g)
        let coherenceReal = g / denominator
        let coherenceImaginary = x * g * g / denominator
        let k = entangledFraction
        return CorrelationTensor(coherenceCosine: k * coherenceReal, coherenceSine: k * coherenceImaginary,
                                 populationCorrelation: k * populationCorrelationFactor)
    }

    /// Time-integrated fidelity of the emitted pair to (|HH⟩+|VV⟩)/√2:
    /// f⁺ = ¼[1 + k g_H + 2k g_HV/(1 + (x g_HV)²)] (Hudson et al. 2007). The coincidences show
    /// ``ExpectedFigures/fidelity``.
    public var expectedFidelity: Double { expectedCorrelationTensor.fidelityToPhiPlus }

    /// Time-integrated concurrence of the emitted pair: C = max(0, ½(k g_H − 1) + k g_HV/√(1 + (x g_HV)²))
    /// (Hudson et al. 2007; Wootters, Phys. Rev. Lett. 80, 2245 (1998) for the X state). The
    /// coincidences show ``ExpectedFigures/concurrence``.
    public var expectedConcurrence: Double { expectedCorrelationTensor.concurrence }

    /// g2(0) of either arm from pulsed HBT (centre peak over side peak): with n = 0, 1, 2 photons
    /// per pulse with probabilities 1 − p_exc, p_exc(1 − p₂), p_exc·p₂,
    /// g2(0) = ⟨n(n−1)⟩/⟨n⟩² = 2p₂ / (p_exc (1 + p₂)²). Loss does not change it (binomial thinning).
    /// An HBT on one arm's two detectors shows ``ExpectedFigures/secondOrderCorrelation(_:)``.
    public var expectedSecondOrderCorrelationAtZeroDelay: Double {
        let meanPhotons = excitationProbability * (1 + reexcitationProbability)
        guard meanPhotons > 0 else { return 0 }
        return 2 * excitationProbability * reexcitationProbability / (meanPhotons * meanPhotons)
    }
}
