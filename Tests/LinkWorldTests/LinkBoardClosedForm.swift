import Physics
import Vocabulary

/// The QBER both nodes' boards should show, in closed form, with re-excitation photons and dark
/// counts (no eavesdropper), to test a simulated block against.
///
/// Derivation. Let s = ±1 be the output a node's pair photon would take. Given an excited pulse
/// the node's two detectors see, independently: the pair photon with probability η (on s); when
/// the dot re-excited (p₂), a second photon with probability η on either detector (½ each); a
/// dark count on each detector with probability p_d. Sorting every case by which detectors
/// fired relative to s, a node shows s (only the s detector), −s (only the other) or a squashed
/// random output (both) (``LinkNodeBoard``). With V = P(only s) − P(only −s) and C = P(any click),
/// out = s·ξ with E[ξ·1_click] = V independent of s, so for the pair correlation E = a·⟨T⟩·b
/// (``LinkWorld/expectedCorrelation(alice:bob:)``)
///
///     E_obs = p_exc[(1 − p₂)V_A⁰V_B⁰ + p₂V_A¹V_B¹]·E / (p_exc[(1 − p₂)C_A⁰C_B⁰ + p₂C_A¹C_B¹] + (1 − p_exc)D_A D_B),
///
/// superscript 1 with the second photon possible, 0 without, D = 1 − (1 − p_d)² a node's dark-only
/// click in a pulse that excited nothing; Q = (1 − E_obs)/2. With p_d = 0 and η → 0 the dilution
/// tends to 1/(1 + 3p₂), as the station's (``ExpectedFigures/keyDilution``). Photons outside the
/// gate are neglected (the fixtures' gate holds all but e^{−13} of them).
struct LinkBoardClosedForm {
    /// The world.
    let world: LinkWorld
    /// Dark-count probability per detector and gate (both nodes alike).
    let darkCountProbabilityPerGate: Double

    /// V and C of one node: pair photon with probability `pair`, a second photon with `extra`.
    static func node(pair: Double, extra: Double, dark: Double) -> (signed: Double, click: Double) {
        var onlySame = 0.0, onlyOpposite = 0.0, none = 0.0
        for pairPresent in [false, true] {
            // The second photon: absent, on s's detector, or on the other.
            for (secondOnSame, secondOnOpposite, secondProbability) in [(false, false, 1 - extra), (true, false, extra / 2),
                                                                         (false, true, extra / 2)] {
                for darkSame in [false, true] {
                    for darkOpposite in [false, true] {
                        let probability = (pairPresent ? pair : 1 - pair) * secondProbability
                            * (darkSame ? dark : 1 - dark) * (darkOpposite ? dark : 1 - dark)
                        let same = pairPresent || secondOnSame || darkSame
                        let opposite = secondOnOpposite || darkOpposite
                        switch (same, opposite) {
                        case (true, false): onlySame += probability
                        case (false, true): onlyOpposite += probability
                        case (false, false): none += probability
                        case (true, true): break
                        }
                    }
                }
            }
        }
        return (onlySame - onlyOpposite, 1 - none)
    }

    /// Q in `basis` for both nodes in `basis`.
    func quantumBitErrorRate(basis: AnalyzerBasis) -> Double {
        let parameters = world.parameters
        let excitation = parameters.source.excitationProbability, reexcitation = parameters.source.reexcitationProbability
        let etaA = parameters.aliceArm.efficiency, etaB = parameters.bobEfficiencyWithFibre, dark = darkCountProbabilityPerGate
        let a0 = Self.node(pair: etaA, extra: 0, dark: dark), b0 = Self.node(pair: etaB, extra: 0, dark: dark)
        let a1 = Self.node(pair: etaA, extra: etaA, dark: dark), b1 = Self.node(pair: etaB, extra: etaB, dark: dark)
        let darkOnly = 1 - (1 - dark) * (1 - dark)
        let signed = excitation * ((1 - reexcitation) * a0.signed * b0.signed + reexcitation * a1.signed * b1.signed)
        let clicks = excitation * ((1 - reexcitation) * a0.click * b0.click + reexcitation * a1.click * b1.click)
            + (1 - excitation) * darkOnly * darkOnly
        return 0.5 * (1 - signed / clicks * world.expectedCorrelation(alice: basis, bob: basis))
    }
}
