/// One of the station's two analysis arms.
///
/// The biexciton (XX) photon goes to arm A, the exciton (X) photon to arm B; each arm has a
/// polarization analyzer, a polarizing beam splitter and two detectors (+ and −).
public enum AnalyzerArm: String, Sendable, Hashable, CaseIterable {
    /// Arm A: the biexciton (XX) photon.
    case a
    /// Arm B: the exciton (X) photon.
    case b
}
