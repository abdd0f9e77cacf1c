import Analysis

/// The figures both tomography kinds certify from their measurements: the maximum-likelihood state
/// and what it says (fidelity to |Φ+>, concurrence, purity, largest CHSH S), with Monte Carlo
/// errors and intervals clipped to each figure's range, and the density matrix for the plot.
enum TomographyFigures {
    /// Poisson-resampled reconstructions behind the error bars.
    static let samples = 100

    /// Reconstructs the state from `measurements` (resampling seeded by `seed`) and appends its
    /// figures and density matrix to `findings`; the largest CHSH S, which needs the counts split
    /// in two, becomes a note when they are too few.
    static func certify(_ measurements: [TomographyMeasurement], seed: UInt64,
                        into findings: inout ExperimentFindings) throws(AnalysisError) {
        let certificate = try StateTomography.certify(measurements, samples: samples, seed: seed)
        let method = "maximum-likelihood state (James et al., PRA 64, 052312 (2001); "
            + "ρ = A†A / Tr(A†A), A a full complex 4×4 factor: Burer & Monteiro, Math. Program. 95, 329 (2003)); "
            + "error: std. dev. over \(samples) Poisson-resampled reconstructions"
        findings.figures.append(Figure(key: .tomographyFidelityPhiPlus, name: "fidelity to |Φ+> (tomography)",
                                       estimate: certificate.fidelity(to: .phiPlus), method: method))
        findings.figures.append(Figure(key: .concurrence, name: "concurrence (Wootters)", estimate: certificate.concurrence,
                                       method: method))
        findings.figures.append(Figure(key: .purity, name: "purity Tr ρ²", estimate: certificate.purity, method: method))
        if let heldOut = certificate.heldOutMaximalCHSH {
            findings.figures.append(Figure(
                key: .maximalCHSH, name: "largest CHSH S of the state (Horodecki, held out: analyzers from one half of the counts, S from the other)",
                estimate: heldOut,
                method: "S_max = 2√(m₁ + m₂), m the eigenvalues of TᵀT (Horodecki, Horodecki & Horodecki, Phys. Lett. A 200, 340 (1995)); "
                    + "the counts split in two halves by binomial thinning, the optimal analyzers of one half's maximum-likelihood state "
                    + "measured on the other half's linear inversion, both ways, averaged: not biased high, as the plug-in S_max of the "
                    + "reconstructed state is by noise where T's singular values are close (the optimizer's curse, Smith & Winkler, "
                    + "Manage. Sci. 52, 311 (2006); the double estimator, van Hasselt, NeurIPS 23, 2613 (2010)); "
                    + "error: std. dev. over \(samples) Poisson-resampled repeats"))
        } else if let problem = certificate.heldOutMaximalCHSHProblem {
            findings.notes.append("largest CHSH S (held out): \(problem)")
        }
        let matrix = certificate.state.matrix
        findings.densityMatrixReal = (0..<4).map { r in (0..<4).map { c in matrix.entries[r * 4 + c].real } }
        findings.densityMatrixImaginary = (0..<4).map { r in (0..<4).map { c in matrix.entries[r * 4 + c].imaginary } }
    }
}

extension FigureKey {
    /// Tomography: fidelity of the reconstructed state to |Φ+>.
    public static let tomographyFidelityPhiPlus: FigureKey = "tomography-fidelity-phi-plus"
    /// Tomography: Wootters concurrence of the reconstructed state.
    public static let concurrence: FigureKey = "concurrence"
    /// Tomography: purity Tr ρ².
    public static let purity: FigureKey = "purity"
    /// Tomography: the largest CHSH S the state allows (Horodecki criterion), held out so that it is
    /// not biased high.
    public static let maximalCHSH: FigureKey = "maximal-chsh"
}
