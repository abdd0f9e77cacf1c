import Firmware

extension SettingTally {
    /// E = (N++ + N−− − N+− − N−+)/N over the firmware's coincidences of this setting.
    var correlation: Double {
        let c = coincidences
        return Double(c[0] + c[3] - c[1] - c[2]) / Double(totalCoincidences)
    }

    /// Standard error of E: each coincidence an independent ±1 outcome, SE = √((1 − E²)/N)
    /// (binomial error of a mean of ±1 values).
    var correlationStandardError: Double {
        ((1 - correlation * correlation) / Double(totalCoincidences)).squareRoot()
    }
}
