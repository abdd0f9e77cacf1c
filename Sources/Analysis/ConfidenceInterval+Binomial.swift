import RealModule

extension ConfidenceInterval {
    /// The Clopper–Pearson ("exact") interval for a binomial proportion (C. J. Clopper &
    /// E. S. Pearson, Biometrika 26, 404 (1934)): the p for which seeing `successes` or more, and
    /// `successes` or fewer, each keeps a probability ≥ α/2, α = 1 − level. Through the beta
    /// distribution, lower = B⁻¹(α/2; k, n − k + 1) (0 for k = 0) and upper = B⁻¹(1 − α/2; k + 1,
    /// n − k) (1 for k = n). Never covers less than its level, so it is the interval a bound that
    /// must not be too optimistic (a QBER behind a key length) uses. The beta form takes
    /// non-integer counts (peak areas) as they are.
    public static func clopperPearson(successes: Double, trials: Double) throws(AnalysisError) -> ConfidenceInterval {
        try checkBinomial(successes: successes, trials: trials)
        let alpha = 1 - oneSigmaLevel, k = successes, n = trials
        let lower = successes == 0 ? 0 : try IncompleteBeta.inverse(probability: alpha / 2, a: k, b: n - k + 1)
        let upper = successes == trials ? 1 : try IncompleteBeta.inverse(probability: 1 - alpha / 2, a: k + 1, b: n - k)
        return ConfidenceInterval(lower: lower, upper: upper, confidenceLevel: oneSigmaLevel,
                                  method: "Clopper–Pearson interval (Clopper & Pearson, Biometrika 26, 404 (1934))")
    }

    static func checkBinomial(successes: Double, trials: Double) throws(AnalysisError) {
        try AnalysisError.checkCount(successes, "binomial successes")
        try AnalysisError.checkFinite(trials, "binomial trials")
        guard trials > 0 else { throw .emptySetting(location: "binomial proportion", detail: "no trials") }
        guard successes <= trials else {
            throw .invalidParameter(name: "binomial successes", value: "\(successes)", expected: "≤ \(trials) trials")
        }
    }
}
