import ComplexModule
import RealModule

extension StateTomography {
    /// The maximum-likelihood state: ρ = A†A / Tr(A†A) with A a full complex 4×4 factor (the
    /// low-rank factorisation of Burer & Monteiro, Math. Program. 95, 329 (2003) and 103, 427
    /// (2005), here at full rank), maximizing the Poisson likelihood of the counts,
    /// Π_k λ_k^{n_k} e^{−λ_k} / n_k!, λ_k = exposure_k · <ψ_k|A†A|ψ_k> + accidentals_k.
    /// (James et al., Phys. Rev. A 64, 052312 (2001), Eq. (4.6) is the Gaussian approximation of
    /// this likelihood; their triangular Cholesky factor fixes which of its rows may carry a pure
    /// state, and took up to 3 000 iterations where the optimum is pure and some setting sees no
    /// coincidence.)
    ///
    /// The 32 real parameters of A are found by L-BFGS with the analytic gradient
    /// ∂(−ln 𝓛)/∂Ā = Σ_k exposure_k (1 − n_k/λ_k) (A ψ_k) ψ_k†, starting from A = √ρ₀, ρ₀ the
    /// linear-inversion estimate with its negative eigenvalues clipped, mixed with I/4 by
    /// 1/(total counts) (at most 1 %). A search stops when one step lowers the negative
    /// log-likelihood by at most a fraction of itself and the largest gradient component is at most
    /// a bound (the two tests of L-BFGS-B, Zhu et al., ACM TOMS 23, 550 (1997)): 10⁻⁹ and 10⁻⁶
    /// for the first, 10⁻¹² and 10⁻⁸ for the last. On the boundary of the state space (a pure or
    /// low-rank optimum) the likelihood is flat to fourth order in the factor's small rows, and the
    /// first search creeps there; so its eigenvalues below 10⁻⁴ of the trace are dropped and the
    /// search runs again over the factors of that rank (zero rows stay zero). Its result is the
    /// answer when S = ∂(−ln 𝓛)/∂ρ ⪰ 0 there (to −10⁻⁷; S ρ = 0 holds at any stationary factor):
    /// the log-likelihood is concave in ρ, so that is its maximum. Otherwise the rank grows along S's
    /// most negative eigenvector (the best step along it, by Newton's method) and a full-rank
    /// search finishes; without small eigenvalues the full-rank search simply goes on. The result
    /// is a physical state for any counts, including counts that linear inversion turns unphysical.
    public static func maximumLikelihood(_ measurements: [TomographyMeasurement],
                                         maximumIterations: Int = 3000) throws(AnalysisError) -> MaximumLikelihoodTomography {
        guard maximumIterations > 0 else {
            throw .invalidParameter(name: "maximumIterations", value: "\(maximumIterations)", expected: "> 0")
        }
        let (pauli, totalRate) = try pauliCoefficients(measurements)
        let linear = matrix(fromPauli: pauli)
        let problem = LikelihoodProblem(measurements: measurements, rateScale: totalRate)
        let start = try startingFactor(from: linear, totalCounts: problem.totalCounts)
        var minimizer = LBFGSMinimizer()
        minimizer.maximumIterations = maximumIterations
        minimizer.relativeDecreaseTolerance = 1e-9
        minimizer.gradientTolerance = 1e-6
        var outcome = minimizer.minimize(start: parameters(of: start)) { x, gradient in problem.evaluate(x, &gradient) }
        guard outcome.value.isFinite else {
            throw .didNotConverge(method: "maximum-likelihood tomography", iterations: outcome.iterations,
                                  detail: "the likelihood is zero at every trial state (a count where no state predicts any)")
        }
        minimizer.relativeDecreaseTolerance = 1e-12
        minimizer.gradientTolerance = 1e-8
        // Where the last, full-rank search starts; nil once the reduced-rank search is certified.
        var next: [Double]? = outcome.parameters
        if let reduced = try rankReduced(factor(outcome.parameters), threshold: 1e-4), outcome.iterations < maximumIterations {
            minimizer.maximumIterations = maximumIterations - outcome.iterations
            var polished = minimizer.minimize(start: parameters(of: reduced)) { x, gradient in problem.evaluate(x, &gradient) }
            polished.iterations += outcome.iterations
            let polishedFactor = factor(polished.parameters)
            let dual = try HermitianEigendecomposition(problem.dual(polishedFactor))
            if dual.eigenvalues[0] >= -1e-7 {
                outcome = polished
                next = nil
            } else {
                outcome.iterations = polished.iterations
                next = parameters(of: problem.grown(polishedFactor, along: dual.eigenvector(0)))
            }
        }
        if let next, outcome.iterations < maximumIterations {
            minimizer.maximumIterations = maximumIterations - outcome.iterations
            var rest = minimizer.minimize(start: next) { x, gradient in problem.evaluate(x, &gradient) }
            rest.iterations += outcome.iterations
            outcome = rest
        } else if next != nil {
            outcome.converged = false
        }
        let a = factor(outcome.parameters)
        let unnormalized = a.adjoint * a
        let trace = unnormalized.trace.real
        guard trace > 0, trace.isFinite else {
            throw .didNotConverge(method: "maximum-likelihood tomography", iterations: outcome.iterations,
                                  detail: "Tr(A†A) = \(trace)")
        }
        let state = DensityMatrix(unchecked: ((1 / trace) * unnormalized).hermitianPart)
        return MaximumLikelihoodTomography(
            state: state, linearInversion: linear, totalRate: trace * totalRate,
            negativeLogLikelihood: outcome.value * problem.totalCounts, iterations: outcome.iterations,
            converged: outcome.converged)
    }

    /// A from its 32 parameters: the real and imaginary parts of a_00, a_01, …, a_33 (row by row).
    static func factor(_ p: [Double]) -> ComplexMatrix4 {
        ComplexMatrix4 { Complex(p[2 * (4 * $0 + $1)], p[2 * (4 * $0 + $1) + 1]) }
    }

    /// The 32 parameters of `a` (the inverse of `factor`).
    static func parameters(of a: ComplexMatrix4) -> [Double] {
        var p = [Double](repeating: 0, count: 32)
        for i in 0..<16 {
            p[2 * i] = a.entries[i].real
            p[2 * i + 1] = a.entries[i].imaginary
        }
        return p
    }

    /// A = √ρ₀, ρ₀ the clipped linear estimate mixed with I/4 by 1/(total counts), at most 1 %:
    /// strictly positive, so that no row of A starts at zero, and close to the estimate.
    static func startingFactor(from linear: ComplexMatrix4, totalCounts: Double) throws(AnalysisError) -> ComplexMatrix4 {
        let decomposition = try HermitianEigendecomposition(linear)
        var trace = 0.0
        for i in 0..<4 { trace += max(decomposition.eigenvalues[i], 0) }
        let mixing = min(1 / totalCounts, 0.01)
        return decomposition.mapped { value in
            let clipped = trace > 0 ? max(value, 0) / trace : 0.25
            return ((1 - mixing) * clipped + mixing / 4).squareRoot()
        }
    }

    /// The factor diag(√μ) V† of A†A = V diag(μ) V† with the eigenvalues μ at or below `threshold`
    /// times the trace set to 0 (zero rows, the first ones: μ ascends), or nil when none is.
    static func rankReduced(_ a: ComplexMatrix4, threshold: Double) throws(AnalysisError) -> ComplexMatrix4? {
        let decomposition = try HermitianEigendecomposition(a.adjoint * a)
        var trace = 0.0
        for i in 0..<4 { trace += max(decomposition.eigenvalues[i], 0) }
        var roots = InlineArray<4, Double>(repeating: 0)
        var dropped = false
        for i in 0..<4 {
            let value = decomposition.eigenvalues[i]
            if value > threshold * trace { roots[i] = value.squareRoot() } else { dropped = true }
        }
        guard dropped, trace > 0 else { return nil }
        let v = decomposition.eigenvectors
        return ComplexMatrix4 { row, column in Complex(roots[row]) * v[column, row].conjugate }
    }
}

/// The negative Poisson log-likelihood of the tomography counts relative to the saturated model
/// (half the deviance, 0 for a perfect fit) as a function of A's 32 parameters, divided by the
/// total counts so that its scale does not depend on the brightness.
struct LikelihoodProblem {
    var kets: [ComplexVector4]
    var counts: [Double]
    var accidentals: [Double]
    var scaledExposures: [Double]
    var totalCounts: Double

    init(measurements: [TomographyMeasurement], rateScale: Double) {
        kets = measurements.map(\.ket)
        counts = measurements.map(\.counts)
        accidentals = measurements.map(\.accidentals)
        scaledExposures = measurements.map { $0.relativeExposure * rateScale }
        totalCounts = max(counts.reduce(0, +), 1)
    }

    /// S = Σ_k exposure_k (1 − n_k/λ_k) |ψ_k><ψ_k| / (total counts), the gradient of the value
    /// with respect to ρ = A†A: at the optimum S ⪰ 0 and S ρ = 0 (the value is convex in ρ,
    /// so a factor where both hold is the maximum-likelihood state, whatever its rank).
    func dual(_ a: ComplexMatrix4) -> ComplexMatrix4 {
        var s = ComplexMatrix4()
        for k in kets.indices {
            let lambda = scaledExposures[k] * (a * kets[k]).normSquared + accidentals[k]
            let weight = scaledExposures[k] * (counts[k] > 0 ? 1 - counts[k] / lambda : 1) / totalCounts
            s = s + weight * ComplexMatrix4.projector(onto: kets[k])
        }
        return s
    }

    /// `a` with its first row (zero in a rank-reduced factor) set to √t v†, t ≥ 0 minimizing the
    /// value along ρ + t v v† (Newton's method on a convex function of t).
    func grown(_ a: ComplexMatrix4, along v: ComplexVector4) -> ComplexMatrix4 {
        var t = 0.0
        for _ in 0..<20 {
            var slope = 0.0, curvature = 0.0
            for k in kets.indices {
                let overlap = scaledExposures[k] * v.inner(kets[k]).lengthSquared
                let lambda = scaledExposures[k] * (a * kets[k]).normSquared + accidentals[k] + t * overlap
                slope += overlap * (counts[k] > 0 ? 1 - counts[k] / lambda : 1)
                curvature += counts[k] * overlap * overlap / (lambda * lambda)
            }
            guard curvature > 0 else { break }
            t = max(t - slope / curvature, 0.5 * t)
        }
        var grown = a
        for column in 0..<4 { grown[0, column] = Complex(t.squareRoot()) * v[column].conjugate }
        return grown
    }

    func evaluate(_ p: [Double], _ gradient: inout [Double]) -> Double {
        let a = StateTomography.factor(p)
        var g = ComplexMatrix4()
        var value = 0.0
        for k in kets.indices {
            let psi = kets[k]
            let u = a * psi
            var q = 0.0
            for i in 0..<4 { q += u[i].lengthSquared }
            let lambda = scaledExposures[k] * q + accidentals[k]
            let n = counts[k]
            if n > 0 {
                // λ − n − n ln(λ/n) = n (x − ln(1 + x)), x = λ/n − 1: relative to the saturated
                // model, term by term, so that no sum of large terms cancels near the fit.
                guard lambda > 0 else { return .infinity }
                let x = (lambda - n) / n
                value += n * (x - Double.log(onePlus: x))
            } else {
                value += lambda
            }
            let weight = scaledExposures[k] * (n > 0 ? 1 - n / lambda : 1)
            for i in 0..<4 {
                let left = Complex(weight) * u[i]
                for j in 0..<4 { g[i, j] = g[i, j] + left * psi[j].conjugate }
            }
        }
        let scale = 2 / totalCounts
        for i in 0..<16 {
            gradient[2 * i] = g.entries[i].real * scale
            gradient[2 * i + 1] = g.entries[i].imaginary * scale
        }
        return value / totalCounts
    }
}

