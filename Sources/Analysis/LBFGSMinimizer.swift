/// A limited-memory BFGS minimizer (Nocedal & Wright, Numerical Optimization, 2nd ed., Alg. 7.4
/// and 7.5) with a backtracking Armijo line search, for small smooth problems such as the
/// 32-parameter tomography likelihood. The objective may return +∞ outside its domain; the
/// line search then shortens the step.
struct LBFGSMinimizer {
    /// What the minimizer reached.
    struct Outcome {
        var parameters: [Double]
        var value: Double
        var iterations: Int
        var converged: Bool
    }

    /// Corrections kept: the tomography problem's whole dimension, so that the ill-conditioned
    /// searches near a low-rank optimum (eigenvalues 10⁻² and 1) keep all the curvature they found.
    var memory = 32
    var maximumIterations = 2000
    /// Stop when a step lowers the value by at most this fraction of it (of 1 where it is smaller
    /// than 1; L-BFGS-B's `factr` × machine epsilon, Zhu et al., ACM TOMS 23, 550 (1997))…
    var relativeDecreaseTolerance = 1e-12
    /// … and the largest gradient component is at most this (L-BFGS-B's `pgtol`).
    var gradientTolerance = 1e-8

    /// Minimizes `objective(x, &gradient)` starting from `start`.
    func minimize(start: [Double], objective: (_ x: [Double], _ gradient: inout [Double]) -> Double) -> Outcome {
        let n = start.count
        var x = start
        var gradient = [Double](repeating: 0, count: n)
        var value = objective(x, &gradient)
        guard value.isFinite else { return Outcome(parameters: x, value: value, iterations: 0, converged: false) }
        var steps: [[Double]] = []         // s_k = x_{k+1} − x_k
        var gradientChanges: [[Double]] = []  // y_k = g_{k+1} − g_k
        var curvatures: [Double] = []      // 1 / (y_k · s_k)
        var direction = [Double](repeating: 0, count: n)
        var alphas = [Double](repeating: 0, count: memory)
        var trial = [Double](repeating: 0, count: n)
        var trialGradient = [Double](repeating: 0, count: n)
        for iteration in 1...maximumIterations {
            if gradient.allSatisfy({ $0 == 0 }) {
                return Outcome(parameters: x, value: value, iterations: iteration - 1, converged: true)
            }
            // Two-loop recursion: direction = −H g.
            for i in 0..<n { direction[i] = -gradient[i] }
            for k in stride(from: steps.count - 1, through: 0, by: -1) {
                var dot = 0.0
                for i in 0..<n { dot += steps[k][i] * direction[i] }
                alphas[k] = curvatures[k] * dot
                for i in 0..<n { direction[i] -= alphas[k] * gradientChanges[k][i] }
            }
            if let last = steps.indices.last {
                var yy = 0.0
                for i in 0..<n { yy += gradientChanges[last][i] * gradientChanges[last][i] }
                let gamma = 1 / (curvatures[last] * yy)
                for i in 0..<n { direction[i] *= gamma }
            } else {
                let norm = gradient.reduce(0) { $0 + $1 * $1 }.squareRoot()
                for i in 0..<n { direction[i] /= max(norm, 1) }
            }
            for k in 0..<steps.count {
                var dot = 0.0
                for i in 0..<n { dot += gradientChanges[k][i] * direction[i] }
                let beta = curvatures[k] * dot
                for i in 0..<n { direction[i] += steps[k][i] * (alphas[k] - beta) }
            }
            var slope = 0.0
            for i in 0..<n { slope += gradient[i] * direction[i] }
            if slope >= 0 {  // not a descent direction: restart from steepest descent
                steps.removeAll(); gradientChanges.removeAll(); curvatures.removeAll()
                for i in 0..<n { direction[i] = -gradient[i] }
                slope = -gradient.reduce(0) { $0 + $1 * $1 }
            }
            // Backtracking Armijo line search.
            var stepLength = 1.0
            var trialValue = Double.infinity
            var accepted = false
            for _ in 0..<60 {
                for i in 0..<n { trial[i] = x[i] + stepLength * direction[i] }
                trialValue = objective(trial, &trialGradient)
                if trialValue.isFinite && trialValue <= value + 1e-4 * stepLength * slope {
                    accepted = true
                    break
                }
                stepLength *= 0.5
            }
            if !accepted {
                return Outcome(parameters: x, value: value, iterations: iteration, converged: gradientIsSmall(gradient))
            }
            var s = [Double](repeating: 0, count: n)
            var y = [Double](repeating: 0, count: n)
            var ys = 0.0
            for i in 0..<n {
                s[i] = trial[i] - x[i]
                y[i] = trialGradient[i] - gradient[i]
                ys += y[i] * s[i]
            }
            if ys > 1e-300 {
                if steps.count == memory {
                    steps.removeFirst(); gradientChanges.removeFirst(); curvatures.removeFirst()
                }
                steps.append(s); gradientChanges.append(y); curvatures.append(1 / ys)
            }
            let decrease = value - trialValue
            let scale = max(abs(value), abs(trialValue), 1)
            swap(&x, &trial)
            swap(&gradient, &trialGradient)
            value = trialValue
            if decrease <= relativeDecreaseTolerance * scale && gradient.allSatisfy({ abs($0) <= gradientTolerance }) {
                return Outcome(parameters: x, value: value, iterations: iteration, converged: true)
            }
        }
        return Outcome(parameters: x, value: value, iterations: maximumIterations, converged: gradientIsSmall(gradient))
    }

    /// Whether a search stopped short (no step lowers the value, or out of iterations) still
    /// ended within 10³ of the gradient tolerance.
    private func gradientIsSmall(_ gradient: [Double]) -> Bool {
        gradient.reduce(0, { max($0, abs($1)) }) <= gradientTolerance * 1e3
    }
}
