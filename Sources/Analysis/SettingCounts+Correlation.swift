public import Vocabulary

extension SettingCounts {
    /// The coincidence counts after subtracting the accidentals (when given), validated.
    func netCoincidences(_ location: String) throws(AnalysisError) -> (raw: PerPair<Double>, net: PerPair<Double>) {
        var raw = PerPair<Double>.zero
        for pair in DetectorPair.allCases {
            raw[pair] = Double(coincidences[pair])
            try AnalysisError.checkCount(raw[pair], "\(location) coincidences \(pair)")
        }
        for channel in DetectorChannel.allCases where singles[channel] < 0 {
            throw .negativeCount(location: "\(location) singles \(channel)", value: Double(singles[channel]))
        }
        if triggerCycles < 0 { throw .negativeCount(location: "\(location) trigger cycles", value: Double(triggerCycles)) }
        var net = raw
        if let accidentals {
            for pair in DetectorPair.allCases {
                try AnalysisError.checkCount(accidentals[pair], "\(location) accidentals \(pair)")
                net[pair] = raw[pair] - accidentals[pair]
            }
        }
        return (raw, net)
    }

    /// The polarization correlation E = (N++ + N−− − N+− − N−+)/(N++ + N+− + N−+ + N−−), with
    /// accidentals subtracted when given.
    ///
    /// Error: Poisson counting statistics on the raw coincidence counts, propagated to first
    /// order, σ_E² = Σ_ij (∂E/∂N_ij)² N_ij; without accidentals this is σ_E = √((1 − E²)/N).
    ///
    /// Interval: given the N raw coincidences, the N++ + N−− of them in equal outputs are binomial
    /// with p = (1 + E)/2 (without accidentals), so E's interval is 2p − 1 over the Clopper–Pearson
    /// interval of p (`ConfidenceInterval.clopperPearson`: at a visibility near 1 from a few hundred
    /// coincidences the Wilson score interval covers as little as 59 % at a level of 68 %, e.g. at
    /// E = 0.99 from 300, while Clopper–Pearson never covers less than its level; it is wider by
    /// about 12 % in the interior); with accidentals a_same and a_different
    /// subtracted, E = (N(2p − 1) − a_same + a_different)/(N − a_same − a_different), still
    /// increasing in p, taken at p's limits and clipped to [−1, 1]. At E = ±1 (every coincidence in
    /// equal, or in different, outputs) σ_E is 0 but the interval is not.
    /// Throws when a count is negative, or when no coincidence (after subtraction) is left.
    public func correlation(location: String = "setting") throws(AnalysisError) -> Estimate {
        let (raw, net) = try netCoincidences(location)
        let same = net[.plusPlus] + net[.minusMinus]
        let different = net[.plusMinus] + net[.minusPlus]
        let total = same + different
        guard total > 0 else {
            throw .emptySetting(location: location, detail: "no coincidences (after accidental subtraction: \(total))")
        }
        let value = (same - different) / total
        let dSame = 2 * different / (total * total)
        let dDifferent = -2 * same / (total * total)
        let variance = dSame * dSame * (raw[.plusPlus] + raw[.minusMinus])
            + dDifferent * dDifferent * (raw[.plusMinus] + raw[.minusPlus])
        let rawSame = raw[.plusPlus] + raw[.minusMinus], rawTotal = rawSame + raw[.plusMinus] + raw[.minusPlus]
        let fraction = try ConfidenceInterval.clopperPearson(successes: rawSame, trials: rawTotal)
        let subtracted = (rawSame - same) - (rawTotal - rawSame - different)   // a_same − a_different
        func correlation(atSameFraction p: Double) -> Double {
            min(1, max(-1, (rawTotal * (2 * p - 1) - subtracted) / total))
        }
        let interval = ConfidenceInterval(
            lower: correlation(atSameFraction: fraction.lower), upper: correlation(atSameFraction: fraction.upper),
            confidenceLevel: fraction.confidenceLevel,
            method: "Clopper–Pearson interval (Clopper & Pearson, Biometrika 26, 404 (1934)) of p = (N++ + N−−)/N, E = 2p − 1"
                + (accidentals == nil ? "" : " after the accidentals, clipped to [−1, 1]"))
        return Estimate(value: value, standardError: variance.squareRoot(), interval: interval)
    }

    /// The visibility |E| of this setting pair (see `correlation`); the same Poisson error, and
    /// E's interval folded at 0: [min |E|, max |E|] over it, from 0 when it holds both signs.
    public func visibility(location: String = "setting") throws(AnalysisError) -> Estimate {
        let e = try correlation(location: location)
        guard let interval = e.interval else { return Estimate(value: abs(e.value), standardError: e.standardError) }
        let lower = interval.lower <= 0 && interval.upper >= 0 ? 0 : min(abs(interval.lower), abs(interval.upper))
        return Estimate(value: abs(e.value), standardError: e.standardError, interval: ConfidenceInterval(
            lower: lower, upper: max(abs(interval.lower), abs(interval.upper)), confidenceLevel: interval.confidenceLevel,
            method: interval.method + ", V = |E|"))
    }
}
