import RealModule

/// The regularized incomplete beta function I_x(a, b) = B(x; a, b)/B(a, b), the distribution
/// function of the beta distribution, and its inverse in x: behind the Clopper–Pearson interval.
enum IncompleteBeta {
    /// I_x(a, b) for a, b > 0 and x in [0, 1], by the continued fraction of Numerical Recipes 3rd
    /// ed., §6.4 (Eq. 6.4.5, evaluated by the modified Lentz method), used directly for
    /// x < (a + 1)/(a + b + 2) and through I_x(a, b) = 1 − I_{1−x}(b, a) above, where it converges
    /// in O(√max(a, b)) terms.
    static func regularized(x: Double, a: Double, b: Double) throws(AnalysisError) -> Double {
        guard a > 0, b > 0, a.isFinite, b.isFinite else {
            throw .invalidParameter(name: "incomplete beta parameters", value: "(\(a), \(b))", expected: "finite and > 0")
        }
        guard x > 0 else { return 0 }
        guard x < 1 else { return 1 }
        let logFront = Double.logGamma(a + b) - Double.logGamma(a) - Double.logGamma(b)
            + a * Double.log(x) + b * Double.log(onePlus: -x)
        let front = Double.exp(logFront)
        if x < (a + 1) / (a + b + 2) {
            return front * (try continuedFraction(x: x, a: a, b: b)) / a
        }
        return 1 - front * (try continuedFraction(x: 1 - x, a: b, b: a)) / b
    }

    /// The continued fraction of I_x(a, b) (Numerical Recipes 3rd ed., `betacf`).
    static func continuedFraction(x: Double, a: Double, b: Double) throws(AnalysisError) -> Double {
        let tiny = 1e-300, epsilon = 1e-15
        let qab = a + b, qap = a + 1, qam = a - 1
        var c = 1.0
        var d = 1 - qab * x / qap
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        let limit = 10_000 + Int(10 * max(a, b).squareRoot())
        for m in 1...limit {
            let m = Double(m), m2 = 2 * m
            var aa = m * (b - m) * x / ((qam + m2) * (a + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let step = d * c
            h *= step
            if abs(step - 1) < epsilon { return h }
        }
        throw .didNotConverge(method: "incomplete beta continued fraction", iterations: limit, detail: "a = \(a), b = \(b), x = \(x)")
    }

    /// The x in [0, 1] with I_x(a, b) = `probability`, by bisection (I_x is increasing in x) to
    /// 1e-15 absolute, which is far below any count's resolution.
    static func inverse(probability: Double, a: Double, b: Double) throws(AnalysisError) -> Double {
        guard probability > 0 else { return 0 }
        guard probability < 1 else { return 1 }
        var low = 0.0, high = 1.0
        while high - low > 1e-15 {
            let middle = 0.5 * (low + high)
            if middle <= low || middle >= high { break }
            if try regularized(x: middle, a: a, b: b) < probability { low = middle } else { high = middle }
        }
        return 0.5 * (low + high)
    }
}
