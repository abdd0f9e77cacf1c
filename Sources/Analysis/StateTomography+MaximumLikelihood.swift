import ComplexModule
import RealModule

extension StateTomography {
    /// The maximum-likelihood state: ρ = T†T / Tr(T†T) with T lower triangular with a real
    /// diagonal (the Cholesky form of James et al., Phys. Rev. A 64, 052312 (2001), Eq. (4.4)),
    /// maximizing the Poisson likelihood of the counts,
    /// Π_k λ_k^{n_k} e^{−λ_k} / n_k!, λ_k = exposure_k · <ψ_k|T†T|ψ_k> + accidentals_k.
    /// (James et al. Eq. (4.6) is the Gaussian approximation of this likelihood.)
    ///
    /// The 16 real parameters of T are found by L-BFGS with the analytic gradient
    /// ∂(−ln 𝓛)/∂T̄ = Σ_k exposure_k (1 − n_k/λ_k) (T ψ_k) ψ_k†, starting from the
    /// linear-inversion estimate with its negative eigenvalues clipped. The result is a physical
    /// state for any counts, including counts that linear inversion turns unphysical.
    public static func maximumLikelihood(_ measurements: [TomographyMeasurement],
                                         maximumIterations: Int = 3000) throws(AnalysisError) -> MaximumLikelihoodTomography {
        guard maximumIterations > 0 else {
            throw .invalidParameter(name: "maximumIterations", value: "\(maximumIterations)", expected: "> 0")
        }
        let (pauli, totalRate) = try pauliCoefficients(measurements)
        let linear = matrix(fromPauli: pauli)
        let start = try startingParameters(from: linear)
        let problem = LikelihoodProblem(measurements: measurements, rateScale: totalRate)
        var minimizer = LBFGSMinimizer()
        minimizer.maximumIterations = maximumIterations
        let outcome = minimizer.minimize(start: start) { x, gradient in problem.evaluate(x, &gradient) }
        guard outcome.value.isFinite else {
            throw .didNotConverge(method: "maximum-likelihood tomography", iterations: outcome.iterations,
                                  detail: "the likelihood is zero at every trial state (a count where no state predicts any)")
        }
        let t = lowerTriangular(outcome.parameters)
        let unnormalized = t.adjoint * t
        let trace = unnormalized.trace.real
        guard trace > 0, trace.isFinite else {
            throw .didNotConverge(method: "maximum-likelihood tomography", iterations: outcome.iterations,
                                  detail: "Tr(T†T) = \(trace)")
        }
        let state = DensityMatrix(unchecked: ((1 / trace) * unnormalized).hermitianPart)
        return MaximumLikelihoodTomography(
            state: state, linearInversion: linear, totalRate: trace * totalRate,
            negativeLogLikelihood: outcome.value * problem.totalCounts, iterations: outcome.iterations,
            converged: outcome.converged)
    }

    /// T (lower triangular, real diagonal) from the 16 parameters: diagonal t_00 … t_33, then the
    /// real and imaginary parts of t_10, t_20, t_21, t_30, t_31, t_32.
    static func lowerTriangular(_ p: [Double]) -> ComplexMatrix4 {
        var t = ComplexMatrix4()
        for i in 0..<4 { t[i, i] = Complex(p[i]) }
        var k = 4
        for i in 1..<4 {
            for j in 0..<i {
                t[i, j] = Complex(p[k], p[k + 1])
                k += 2
            }
        }
        return t
    }

    /// Parameters of T with T†T = ρ₀, ρ₀ the clipped linear estimate mixed with 1 % of I/4
    /// (strictly positive, so the Cholesky factor exists).
    static func startingParameters(from linear: ComplexMatrix4) throws(AnalysisError) -> [Double] {
        let decomposition = try HermitianEigendecomposition(linear)
        var clipped = decomposition.mapped { max($0, 0) }
        let trace = clipped.trace.real
        clipped = trace > 0 ? (1 / trace) * clipped : 0.25 * ComplexMatrix4.identity
        let start = 0.99 * clipped + 0.0025 * ComplexMatrix4.identity
        // ρ₀ = T†T with T lower ⇔ the reversed matrix J ρ₀ J = L L† (ordinary Cholesky, L lower)
        // and T_ij = conj(L_{3−j, 3−i}).
        var reversed = ComplexMatrix4 { start[3 - $0, 3 - $1] }
        var l = ComplexMatrix4()
        for j in 0..<4 {
            var diagonal = reversed[j, j].real
            for k in 0..<j { diagonal -= l[j, k].lengthSquared }
            let root = max(diagonal, 1e-12).squareRoot()
            l[j, j] = Complex(root)
            for i in (j + 1)..<4 {
                var sum = reversed[i, j]
                for k in 0..<j { sum = sum - l[i, k] * l[j, k].conjugate }
                l[i, j] = sum * Complex(1 / root)
            }
        }
        reversed = l
        var parameters = [Double](repeating: 0, count: 16)
        for i in 0..<4 { parameters[i] = reversed[3 - i, 3 - i].real }
        var k = 4
        for i in 1..<4 {
            for j in 0..<i {
                let entry = reversed[3 - j, 3 - i].conjugate
                parameters[k] = entry.real
                parameters[k + 1] = entry.imaginary
                k += 2
            }
        }
        return parameters
    }
}

/// The negative Poisson log-likelihood of the tomography counts as a function of T's 16
/// parameters, divided by the total counts so that its scale does not depend on the brightness.
struct LikelihoodProblem {
    var kets: [ComplexVector4]
    var counts: [Double]
    var accidentals: [Double]
    var scaledExposures: [Double]
    /// Σ_k [n_k ln n_k − n_k], the saturated model's value, subtracted so a perfect fit gives 0.
    var saturated: Double
    var totalCounts: Double

    init(measurements: [TomographyMeasurement], rateScale: Double) {
        kets = measurements.map(\.ket)
        counts = measurements.map(\.counts)
        accidentals = measurements.map(\.accidentals)
        scaledExposures = measurements.map { $0.relativeExposure * rateScale }
        saturated = counts.reduce(0) { $0 + ($1 > 0 ? $1 * Double.log($1) - $1 : 0) }
        totalCounts = max(counts.reduce(0, +), 1)
    }

    func evaluate(_ p: [Double], _ gradient: inout [Double]) -> Double {
        let t = StateTomography.lowerTriangular(p)
        var g = ComplexMatrix4()
        var value = 0.0
        for k in kets.indices {
            let psi = kets[k]
            var u = ComplexVector4(.zero, .zero, .zero, .zero)
            var q = 0.0
            for i in 0..<4 {
                var sum = Complex<Double>.zero
                for j in 0...i { sum = sum + t[i, j] * psi[j] }
                u[i] = sum
                q += sum.lengthSquared
            }
            let lambda = scaledExposures[k] * q + accidentals[k]
            let n = counts[k]
            if n > 0 {
                guard lambda > 0 else { return .infinity }
                value += lambda - n * Double.log(lambda)
            } else {
                value += lambda
            }
            let weight = scaledExposures[k] * (n > 0 ? 1 - n / lambda : 1)
            for i in 0..<4 {
                let left = Complex(weight) * u[i]
                for j in 0...i { g[i, j] = g[i, j] + left * psi[j].conjugate }
            }
        }
        let scale = 1 / totalCounts
        for i in 0..<4 { gradient[i] = 2 * g[i, i].real * scale }
        var k = 4
        for i in 1..<4 {
            for j in 0..<i {
                gradient[k] = 2 * g[i, j].real * scale
                gradient[k + 1] = 2 * g[i, j].imaginary * scale
                k += 2
            }
        }
        return (value + saturated) * scale
    }
}
