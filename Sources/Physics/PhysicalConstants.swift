/// Physical constants in the units the model uses.
public enum PhysicalConstants {
    /// The reduced Planck constant ħ in µeV·ps: 6.582119569 × 10⁻¹⁶ eV·s (CODATA 2018, exact).
    public static let reducedPlanckMicroelectronvoltPicoseconds: Double = 658.211_956_9
}
