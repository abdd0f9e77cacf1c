extension ConfidenceInterval {
    /// One independent term w·θ of a signed sum, with θ's estimate and interval.
    public struct Term: Sendable {
        /// The weight w (a sign, or a constant factor).
        public var weight: Double
        /// θ̂.
        public var estimate: Double
        /// θ's interval.
        public var interval: ConfidenceInterval

        /// The term `weight`·θ with estimate `estimate` and interval `interval`.
        public init(weight: Double, estimate: Double, interval: ConfidenceInterval) {
            self.weight = weight
            self.estimate = estimate
            self.interval = interval
        }
    }

    /// The interval of Σ w_i θ_i, the θ_i estimated independently, each with its own interval
    /// (l_i, u_i), by the method of variance estimates recovery, MOVER (G. Y. Zou & A. Donner,
    /// Stat. Med. 27, 1693 (2008), Eqs. (3)–(4), for sums and differences; the same for any signed
    /// sum): each term's distance from its estimate to the relevant limit stands for z times its
    /// standard error on that side, and the sides add in quadrature,
    ///
    ///     L = Σ w_i θ̂_i − √(Σ (w_i θ̂_i − min(w_i l_i, w_i u_i))²),
    ///     U = Σ w_i θ̂_i + √(Σ (max(w_i l_i, w_i u_i) − w_i θ̂_i)²).
    ///
    /// A term at the edge of its range (θ̂_i = u_i) adds nothing on that side, so a sum whose terms
    /// all sit at their edges has that edge as a limit. `constant` is added to the sum and both limits.
    public static func mover(_ terms: [Term], constant: Double = 0, method: String) -> ConfidenceInterval {
        var value = constant, below = 0.0, above = 0.0
        for term in terms {
            let centre = term.weight * term.estimate
            let a = term.weight * term.interval.lower, b = term.weight * term.interval.upper
            let low = min(a, b), high = max(a, b)
            value += centre
            below += (centre - low) * (centre - low)
            above += (high - centre) * (high - centre)
        }
        return ConfidenceInterval(lower: value - below.squareRoot(), upper: value + above.squareRoot(),
                                  confidenceLevel: terms.first?.interval.confidenceLevel ?? oneSigmaLevel, method: method)
    }
}
