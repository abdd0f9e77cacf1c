/// Accidental-coincidence estimates from singles, for uncorrelated clicks.
public enum AccidentalCoincidences {
    /// Continuous-wave (or free-running) detection: N_acc = N_A · N_B · (2W + 1) / T for singles
    /// N_A, N_B over an acquisition time T and window ±W (2W + 1 picosecond values of an integer
    /// timestamp difference) — the R_A R_B τ_c law. Error: Poisson on N_A and N_B propagated,
    /// σ/N_acc = √(1/N_A + 1/N_B).
    public static func continuousWave(singlesA: Int, singlesB: Int, windowPicoseconds: Int64,
                                      acquisitionTimePicoseconds: Int64) throws(AnalysisError) -> Estimate {
        try AnalysisError.checkCount(Double(singlesA), "singles A")
        try AnalysisError.checkCount(Double(singlesB), "singles B")
        try CoincidenceCounter.checkWindow(windowPicoseconds)
        guard acquisitionTimePicoseconds > 0 else {
            throw .invalidParameter(name: "acquisition time (ps)", value: "\(acquisitionTimePicoseconds)", expected: "> 0")
        }
        let value = Double(singlesA) * Double(singlesB) * Double(2 * windowPicoseconds + 1) / Double(acquisitionTimePicoseconds)
        return Estimate(value: value, standardError: relativeError(singlesA, singlesB) * value)
    }

    /// Pulsed detection with one gate per trigger cycle: N_acc = N_A · N_B / cycles (the two arms
    /// click independently with probabilities N_A/cycles and N_B/cycles). Same error as above.
    public static func pulsed(singlesA: Int, singlesB: Int, triggerCycles: Int) throws(AnalysisError) -> Estimate {
        try AnalysisError.checkCount(Double(singlesA), "singles A")
        try AnalysisError.checkCount(Double(singlesB), "singles B")
        guard triggerCycles > 0 else {
            throw .emptySetting(location: "accidentals", detail: "no trigger cycles (\(triggerCycles))")
        }
        let value = Double(singlesA) * Double(singlesB) / Double(triggerCycles)
        return Estimate(value: value, standardError: relativeError(singlesA, singlesB) * value)
    }

    private static func relativeError(_ a: Int, _ b: Int) -> Double {
        guard a > 0, b > 0 else { return 0 }
        return (1 / Double(a) + 1 / Double(b)).squareRoot()
    }
}
