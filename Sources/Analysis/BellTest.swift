public import Vocabulary
/// Bell-state certification from per-setting counts: CHSH S and the fidelity to a Bell state
/// from the H/V, D/A and R/L correlations. Errors are Poisson counting errors of each setting
/// (see `SettingCounts.correlation`), the settings taken as independent and added in quadrature.
public enum BellTest {
    /// CHSH S = E(a,b) − E(a,b′) + E(a′,b) + E(a′,b′) (Clauser, Horne, Shimony & Holt, PRL 23,
    /// 880 (1969)); with a = 0°, a′ = 45°, b = 22.5°, b′ = 67.5° it is 2√2 for |Φ+>.
    /// σ_S = √(Σ σ_E²). Interval: MOVER (`ConfidenceInterval.mover`) from the four E's
    /// Clopper–Pearson intervals, inside the algebraic range [−4, 4] and not clipped to Tsirelson's 2√2.
    public static func chsh(ab: SettingCounts, abPrime: SettingCounts, aPrimeB: SettingCounts,
                            aPrimeBPrime: SettingCounts) throws(AnalysisError) -> Estimate {
        let e1 = try ab.correlation(location: "CHSH (a, b)")
        let e2 = try abPrime.correlation(location: "CHSH (a, b′)")
        let e3 = try aPrimeB.correlation(location: "CHSH (a′, b)")
        let e4 = try aPrimeBPrime.correlation(location: "CHSH (a′, b′)")
        let value = e1.value - e2.value + e3.value + e4.value
        let variance = e1.standardError * e1.standardError + e2.standardError * e2.standardError
            + e3.standardError * e3.standardError + e4.standardError * e4.standardError
        let interval = try Self.mover([(1, e1), (-1, e2), (1, e3), (1, e4)], constant: 0)
        return Estimate(value: value, standardError: variance.squareRoot(), interval: interval)
    }

    /// The MOVER interval of constant + Σ w·E from the E's own intervals.
    static func mover(_ terms: [(weight: Double, e: Estimate)], constant: Double) throws(AnalysisError) -> ConfidenceInterval {
        var parts: [ConfidenceInterval.Term] = []
        for (weight, e) in terms {
            guard let interval = e.interval else {
                throw .invalidParameter(name: "correlation interval", value: "none", expected: "one per correlation")
            }
            parts.append(.init(weight: weight, estimate: e.value, interval: interval))
        }
        return ConfidenceInterval.mover(
            parts, constant: constant,
            method: "MOVER (Zou & Donner, Stat. Med. 27, 1693 (2008)) from each E's Clopper–Pearson interval (Clopper & Pearson, Biometrika 26, 404 (1934))")
    }

    /// The fidelity to `bell` from the correlations in the H/V, D/A and R/L basis pairs (same
    /// basis on both arms): F = (1 + c_x E_DA + c_y E_RL + c_z E_HV)/4 with the signs of
    /// `BellState.correlationSigns`; for |Φ+> F = (1 + E_HV + E_DA − E_RL)/4.
    /// σ_F = √(σ_HV² + σ_DA² + σ_RL²)/4. Interval: MOVER from the three E's Clopper–Pearson
    /// intervals, clipped to a fidelity's range [0, 1] (the three E's can sum past it).
    public static func fidelity(to bell: BellState, horizontalVertical: SettingCounts,
                                diagonalAntidiagonal: SettingCounts, rightLeft: SettingCounts) throws(AnalysisError) -> Estimate {
        let hv = try horizontalVertical.correlation(location: "H/V ⊗ H/V")
        let da = try diagonalAntidiagonal.correlation(location: "D/A ⊗ D/A")
        let rl = try rightLeft.correlation(location: "R/L ⊗ R/L")
        let signs = bell.correlationSigns
        let value = (1 + signs.x * da.value + signs.y * rl.value + signs.z * hv.value) / 4
        let variance = hv.standardError * hv.standardError + da.standardError * da.standardError
            + rl.standardError * rl.standardError
        let interval = try Self.mover([(signs.x / 4, da), (signs.y / 4, rl), (signs.z / 4, hv)], constant: 0.25)
        return Estimate(value: value, standardError: variance.squareRoot() / 4, interval: interval.clipped(to: 0...1).noting(", clipped to [0, 1]"))
    }
}
