/// The outcome of a maximum-likelihood state reconstruction.
public struct MaximumLikelihoodTomography: Sendable {
    /// The reconstructed state ρ = A†A / Tr(A†A): always Hermitian, of trace 1, and positive semidefinite.
    public var state: DensityMatrix
    /// The linear-inversion estimate the search started from (may be unphysical).
    public var linearInversion: ComplexMatrix4
    /// The fitted total rate N̂ = Tr(A†A): expected coincidences per unit exposure summed over a
    /// complete projector set.
    public var totalRate: Double
    /// Half the Poisson deviance at the optimum, Σ_k [λ_k − n_k − n_k ln(λ_k/n_k)] (0 for a perfect
    /// fit): the negative log-likelihood relative to the saturated model.
    public var negativeLogLikelihood: Double
    /// L-BFGS iterations used, over all its searches (full rank, reduced rank, grown).
    public var iterations: Int
    /// Whether the last search met its tolerances (the state is physical either way).
    public var converged: Bool
}
