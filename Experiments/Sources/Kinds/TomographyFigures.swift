import Analysis

/// The figures both tomography kinds certify from their measurements: the maximum-likelihood state
/// and what it says (fidelity to |Φ+>, concurrence, purity, largest CHSH S), with Monte Carlo
/// errors and intervals clipped to each figure's range, and the density matrix for the plot.
enum TomographyFigures {
    /// Poisson-resampled reconstructions behind the error bars.
    static let samples = 100

    /// Reconstructs the state from `measurements` (resampling seeded by `seed`) and appends its
    /// figures and density matrix to `findings`.
    static func certify(_ measurements: [TomographyMeasurement], seed: UInt64,
                        into findings: inout ExperimentFindings) throws(AnalysisError) {
        let certificate = try StateTomography.certify(measurements, samples: samples, seed: seed)
        let method = "maximum-likelihood state (James et al., PRA 64, 052312 (2001)); error: std. dev. over \(samples) Poisson-resampled reconstructions"
        findings.figures.append(Figure(key: .tomographyFidelityPhiPlus, name: "fidelity to |Φ+> (tomography)",
                                       estimate: certificate.fidelity(to: .phiPlus), method: method))
        findings.figures.append(Figure(key: .concurrence, name: "concurrence (Wootters)", estimate: certificate.concurrence,
                                       method: method))
        findings.figures.append(Figure(key: .purity, name: "purity Tr ρ²", estimate: certificate.purity, method: method))
        findings.figures.append(Figure(key: .maximalCHSH, name: "largest CHSH S of the state (Horodecki)",
                                       estimate: certificate.maximalCHSH, method: method))
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
    /// Tomography: the largest CHSH S the reconstructed state allows (Horodecki criterion).
    public static let maximalCHSH: FigureKey = "maximal-chsh"
}
