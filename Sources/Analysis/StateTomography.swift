import ComplexModule
import RealModule

/// Two-photon polarization state tomography (James, Kwiat, Munro & White, Phys. Rev. A 64,
/// 052312 (2001)): linear inversion, maximum likelihood, and Monte Carlo error bars.
public enum StateTomography {
    /// The linear-inversion estimate of ρ: the least-squares solution of
    /// (counts − accidentals)/exposure = N Tr(ρ P_k) in the Pauli basis ρ = ¼ Σ r_μν σ_μ ⊗ σ_ν,
    /// weighted by exposure²/max(counts, 1) (inverse Poisson variance), normalized to trace 1.
    ///
    /// For 16 settings this is the exact inversion of James et al. Eq. (3.11); for the 36-setting
    /// set a weighted least-squares fit. The result is Hermitian with trace 1 but may have negative
    /// eigenvalues (it is not always a state); `maximumLikelihood` always returns one.
    public static func linearInversion(_ measurements: [TomographyMeasurement]) throws(AnalysisError) -> ComplexMatrix4 {
        let (coefficients, _) = try pauliCoefficients(measurements)
        return matrix(fromPauli: coefficients)
    }

    /// Least-squares Pauli coefficients z_μν = N r_μν (16, row-major) and the total rate N = z_00.
    static func pauliCoefficients(_ measurements: [TomographyMeasurement]) throws(AnalysisError) -> ([Double], Double) {
        guard !measurements.isEmpty else {
            throw .emptySetting(location: "tomography", detail: "no measurements given")
        }
        for (index, measurement) in measurements.enumerated() { try measurement.validate(index: index) }
        var normal = [Double](repeating: 0, count: 256)
        var rightHandSide = [Double](repeating: 0, count: 16)
        var row = [Double](repeating: 0, count: 16)
        for measurement in measurements {
            let a = measurement.projectionA.pauliVector
            let b = measurement.projectionB.pauliVector
            for mu in 0..<4 { for nu in 0..<4 { row[mu * 4 + nu] = a[mu] * b[nu] / 4 } }
            let exposure = measurement.relativeExposure
            let value = (measurement.counts - measurement.accidentals) / exposure
            let weight = exposure * exposure / max(measurement.counts, 1)
            for i in 0..<16 {
                rightHandSide[i] += weight * row[i] * value
                for j in 0..<16 { normal[i * 16 + j] += weight * row[i] * row[j] }
            }
        }
        guard let solution = RealLinearSolver.solve(normal, rightHandSide, size: 16) else {
            throw .notTomographicallyComplete(detail: "\(measurements.count) measurements "
                + "(\(measurements.map(\.settingName).joined(separator: ", "))) do not fix all 16 Pauli coefficients")
        }
        let total = solution[0]
        guard total > 0, total.isFinite else {
            throw .emptySetting(location: "tomography", detail: "no coincidences left after accidental subtraction (rate \(total))")
        }
        return (solution, total)
    }

    /// ρ = ¼ Σ r_μν σ_μ ⊗ σ_ν with r = z / z_00.
    static func matrix(fromPauli z: [Double]) -> ComplexMatrix4 {
        var result = ComplexMatrix4()
        for mu in 0..<4 {
            for nu in 0..<4 {
                let weight = z[mu * 4 + nu] / z[0] / 4
                if weight == 0 { continue }
                result = result + weight * ComplexMatrix4.tensorProduct(Pauli.matrix(mu), Pauli.matrix(nu))
            }
        }
        return result.hermitianPart
    }
}
