extension ConfidenceInterval {
    /// The score interval for the mean μ of a Poisson count N: the μ with |N − μ|/√μ ≤ z, i.e.
    /// N + z²/2 ± z√(N + z²/4) (see Barker, Commun. Stat. Simul. Comput. 31, 7 (2002), which
    /// compares it with the exact Garwood interval). Never below 0, and [0, z²] for N = 0, where
    /// the ± √N error is 0. Throws for a negative or non-finite count.
    public static func poissonScore(count: Double) throws(AnalysisError) -> ConfidenceInterval {
        try AnalysisError.checkCount(count, "Poisson count")
        let z = oneSigmaZ
        let centre = count + z * z / 2, half = z * (count + z * z / 4).squareRoot()
        return ConfidenceInterval(lower: max(0, centre - half), upper: centre + half, confidenceLevel: oneSigmaLevel,
                                  method: "Poisson score interval N + ½ ± √(N + ¼) (Barker, Commun. Stat. Simul. Comput. 31, 7 (2002))")
    }

    /// The interval scaled by `factor` > 0 (a count's interval turned into a rate's).
    public func scaled(by factor: Double) -> ConfidenceInterval {
        var result = self
        result.lower = lower * factor
        result.upper = upper * factor
        return result
    }
}
