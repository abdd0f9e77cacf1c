/// What an experiment measures; the value of `kind` in an experiment file.
public enum ExperimentKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// Visibilities in H/V and D/A, fidelity to |Φ+> (adds R/L), and CHSH S with analyzer angles
    /// 0°/45° on arm A and 22.5°/67.5° on arm B.
    case bellCHSH = "bell-chsh"
    /// Two-qubit state tomography from the 16 projections {H, V, D, R}⊗{H, V, D, R}, one setting
    /// each (James et al., Phys. Rev. A 64, 052312 (2001)).
    case tomography16 = "tomography-16"
    /// Two-qubit state tomography from the 36 projections {H, V, D, A, R, L}⊗{…}: nine analyzer
    /// basis pairs, all four detector pairs of each.
    case tomography36 = "tomography-36"
    /// BBM92 quantum key distribution: each arm's basis (H/V or D/A) drawn at random every cycle.
    case bbm92
    /// Pulsed Hanbury Brown–Twiss g2(0) of each arm from its two detectors: centre peak over side peaks.
    case g2
    /// Steps the gate delay to find where the photons arrive after the trigger.
    case gateDelayScan = "gate-delay-scan"
}
