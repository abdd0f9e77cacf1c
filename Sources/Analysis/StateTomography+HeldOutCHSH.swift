import SeededRandom

extension StateTomography {
    /// The largest CHSH S of the measured state, estimated without the upward bias of the plug-in
    /// value 2√(m₁ + m₂) of the reconstructed state.
    ///
    /// Why the plug-in value is biased high: S_max is a maximum over analyzer directions of S, which
    /// is linear in the correlation matrix T. The maximum of a noisy estimate overshoots the maximum
    /// of its mean (Jensen; the "optimizer's curse", Smith & Winkler, Manage. Sci. 52, 311 (2006)),
    /// and most where several directions are nearly as good: for a source near |Φ+> the three
    /// singular values of T are within a few per cent of each other, so S_max picks the two that
    /// noise made largest. On the shipped station (tomography-36, 15 000 cycles per setting) the
    /// plug-in S_max of the maximum-likelihood state was +0.044 ± 0.002 above the closed form over
    /// 144 seeds, 1.6 of its own standard errors; the bootstrap bias estimate 2θ̂ − mean(θ*) did not
    /// see it (its correction was −0.002 over 48 of them, because the resampled states sit around
    /// the already spread estimate and near the edge of the physical states).
    ///
    /// The held-out estimate: the counts are split into two independent halves (binomial thinning:
    /// each coincidence goes to either half with ½, so Poisson counts give two independent Poisson
    /// halves); the optimal analyzers of one half's maximum-likelihood state (`CHSHAnalyzers`) are
    /// evaluated on the other half's linear-inversion T, which is unbiased, so the result's mean is
    /// S of directions chosen without seeing those counts: never above S_max, and below it only by
    /// the second-order loss of directions slightly off the optimum (the "double estimator",
    /// van Hasselt, Adv. Neural Inf. Process. Syst. 23, 2613 (2010)). Both ways round, averaged.
    /// Over the same 144 seeds: −0.006 ± 0.006 from the closed form, with a spread of 0.073 (the
    /// price of using half the counts for each step: 2.6 times the plug-in's).
    static func heldOutMaximalCHSH(_ measurements: [TomographyMeasurement],
                                   using generator: inout Xoshiro256StarStar) throws(AnalysisError) -> Double {
        var first = measurements, second = measurements
        for k in measurements.indices {
            let count = measurements[k].counts.rounded(.down)
            let half = Double(Self.binomialHalf(of: Int(count), using: &generator))
            // A fractional count (not produced by a counter) is shared evenly beyond its whole part.
            let rest = measurements[k].counts - count
            first[k].counts = half + rest / 2
            second[k].counts = count - half + rest / 2
            first[k].accidentals = measurements[k].accidentals / 2
            second[k].accidentals = measurements[k].accidentals / 2
        }
        let analyzersOfFirst = try CHSHAnalyzers.optimal(for: try maximumLikelihood(first).state.correlationMatrix)
        let analyzersOfSecond = try CHSHAnalyzers.optimal(for: try maximumLikelihood(second).state.correlationMatrix)
        return 0.5 * (analyzersOfFirst.chsh(on: try linearCorrelationMatrix(second))
            + analyzersOfSecond.chsh(on: try linearCorrelationMatrix(first)))
    }

    /// T_ij = r_ij (i, j = x, y, z) of the least-squares linear inversion (`linearInversion`),
    /// row-major; linear in the counts up to the normalization by the total rate.
    static func linearCorrelationMatrix(_ measurements: [TomographyMeasurement]) throws(AnalysisError) -> [Double] {
        let (z, total) = try pauliCoefficients(measurements)
        return (1...3).flatMap { i in (1...3).map { j in z[i * 4 + j] / total } }
    }

    /// A Binomial(`count`, ½) draw: the set bits of `count` random bits, 64 at a time.
    static func binomialHalf(of count: Int, using generator: inout Xoshiro256StarStar) -> Int {
        var remaining = count, result = 0
        while remaining >= 64 {
            result += generator.next().nonzeroBitCount
            remaining -= 64
        }
        if remaining > 0 { result += (generator.next() & ((1 << UInt64(remaining)) - 1)).nonzeroBitCount }
        return result
    }
}
