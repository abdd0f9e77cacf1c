import Vocabulary

extension SettingCounts {
    /// E = (N++ + N−− − N+− − N−+)/N over the firmware's coincidences of this setting, written
    /// out here rather than taken from Analysis, so these tests check the board on their own.
    var correlation: Double {
        let same = coincidences[.plusPlus] + coincidences[.minusMinus]
        let different = coincidences[.plusMinus] + coincidences[.minusPlus]
        return Double(same - different) / Double(totalCoincidences)
    }

    /// Standard error of E: each coincidence an independent ±1 outcome, SE = √((1 − E²)/N)
    /// (binomial error of a mean of ±1 values).
    var correlationStandardError: Double {
        ((1 - correlation * correlation) / Double(totalCoincidences)).squareRoot()
    }
}
