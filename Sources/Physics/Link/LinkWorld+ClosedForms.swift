public import Vocabulary

/// What the world's pairs show on average, in closed form, to test the sampler against.
///
/// These are the photon pairs' figures for pulses where both photons arrive, before any
/// detector: the pair's time-integrated tensor ⟨T⟩ (``SourceParameters/expectedCorrelationTensor``,
/// Hudson et al., Phys. Rev. Lett. 99, 266802 (2007)), Eve's intercept-resend channel and the
/// fibre's polarization error.
extension LinkWorld {
    /// E(a, b) = P(s_A = s_B) − P(s_A ≠ s_B) for Alice's analyzer `alice` and Bob's `bob`:
    /// (1 − 2e)·[(1 − p)·a·⟨T⟩·b + p·½ Σ_{e' ∈ {z, x}} (a·⟨T⟩·e')(e'·b)], with p Eve's intercept
    /// fraction (both terms are linear in T, so the average over the exciton delay is the tensor's
    /// average) and e the fibre's polarization error: flipping Bob's output with probability e,
    /// after Eve, whatever the basis, multiplies every correlation by (1 − e) − e = 1 − 2e.
    public func expectedCorrelation(alice: AnalyzerBasis, bob: AnalyzerBasis) -> Double {
        let tensor = parameters.source.expectedCorrelationTensor
        let a = alice.plusOutputBlochVector, b = bob.plusOutputBlochVector
        let p = parameters.eavesdropper.interceptFraction
        var intercepted = 0.0
        for eve in [AnalyzerBasis.horizontalVertical, .diagonalAntidiagonal] {
            let e = eve.plusOutputBlochVector
            intercepted += 0.5 * tensor.correlation(a, e) * (e.x * b.x + e.y * b.y + e.z * b.z)
        }
        let flip = 1 - 2 * parameters.fibre.polarizationErrorProbability
        return flip * ((1 - p) * tensor.correlation(a, b) + p * intercepted)
    }

    /// The quantum bit error rate of pairs measured by both nodes in `basis`: (1 − E(basis, basis))/2,
    /// which for H/V and D/A equals Q_p = Q₀ + p(1 − 2Q₀)/4 with Q₀ the QBER without Eve
    /// (``InterceptResendEavesdropper/expectedQuantumBitErrorRate(intrinsic:)``), and with the
    /// fibre's polarization error e, Q_p(1 − e) + (1 − Q_p)e = Q_p + e(1 − 2Q_p)
    /// (``FibreLink/expectedQuantumBitErrorRate(intrinsic:)``; Ma, Fung & Lo, Phys. Rev. A 76,
    /// 012307 (2007)).
    public func expectedQuantumBitErrorRate(basis: AnalyzerBasis) -> Double {
        0.5 * (1 - expectedCorrelation(alice: basis, bob: basis))
    }
}
