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
        return Estimate(value: value, standardError: variance.squareRoot())
    }

    /// The visibility |E| of this setting pair (see `correlation`); the same Poisson error.
    public func visibility(location: String = "setting") throws(AnalysisError) -> Estimate {
        let e = try correlation(location: location)
        return Estimate(value: abs(e.value), standardError: e.standardError)
    }
}
