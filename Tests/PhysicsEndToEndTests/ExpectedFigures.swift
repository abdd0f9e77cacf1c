import Physics
import RealModule

/// What the experiments' analysis should certify on a physics station, in closed form from the
/// station's parameters and from the rules the analysis counts by.
///
/// The pair's polarization correlations are the time-integrated tensor T of
/// `SourceParameters.expectedCorrelationTensor` (Hudson et al., PRL 99, 266802 (2007)). What a
/// figure measures differs from T in one way that matters at the default parameters: with
/// probability p₂ the dot re-excites and each arm gets one more photon, unpolarized and
/// uncorrelated with the pair (`EntangledPairSource`, step 4). Its clicks fall inside the 5 ns
/// coincidence window with the pair's, so they add coincidences without correlation.
///
/// Derivation (per excited pulse). Let u = η_arm·η_det/2 be the probability that one photon of an
/// arm is detected by a given one of that arm's two detectors (the analyzer sends it to + or −
/// with ½ each, whatever the setting, because the local Bloch vectors are zero). A missed photon
/// does not start the dead time, so a detector clicks if any of its photons is detected: with
/// independent photons X (pair) and X′ (re-excitation) on detector A_i and Y, Y′ on B_j,
///
///     P(A_i ∧ B_j) = 1 − P(¬A_i) − P(¬B_j) + P(¬A_i ∧ ¬B_j)
///                  = u_A u_B [(2 − u_A)(2 − u_B) + (1 − u_A)(1 − u_B) s_i s_j E]   (re-excited)
///                  = u_A u_B [1 + s_i s_j E]                                         (not),
///
/// with E = a·T·b the pair's correlation for the two settings. Averaged over p₂ the four
/// coincidence counts are those of a state with T replaced by λT, a mixture with white noise:
///
///     λ = [(1 − p₂) + p₂(1 − u_A)(1 − u_B)] / [(1 − p₂) + p₂(2 − u_A)(2 − u_B)].
///
/// BBM92 keeps only cycles with exactly one detector clicking in each arm. Arm A then shows only
/// A_i if the pair photon went to A_i or was missed and the extra photon went to A_i or was
/// missed, not both missed; summing the four cases,
///
///     P(only A_i ∧ only B_j) = u_A u_B [(2 − 3u_A)(2 − 3u_B) + (1 − u_A)(1 − u_B) s_i s_j E]  (re-excited),
///
/// so its correlations are λ_key·E with (2 − 3u) in place of (2 − u) in λ's denominator, and a
/// cycle is a detection with probability 4 p_exc u_A u_B [(1 − p₂) + p₂(2 − 3u_A)(2 − 3u_B)].
///
/// What is left out, each bounded by `darkCoincidenceFraction` or smaller and checked against
/// the statistical error by the tests: dark counts (a coincidence needs one within ±window of a
/// photon click: 100 /s × 10 ns = 10⁻⁶ per cycle), a dark count earlier in the gate taking a
/// detector's first click or its dead time (≈ rate × 0.6 µs ≈ 6·10⁻⁵ per detector and cycle,
/// blind to the photon's outcome, so it loses coincidences without biasing E), and pair photons
/// more than the window apart (e^{−5 ns/τ_X} ≈ 10⁻⁹).
struct ExpectedFigures {
    /// The station's parameters.
    let parameters: StationParameters
    /// The coincidence window of the experiment, in nanoseconds.
    let coincidenceWindowNanoseconds: Double
    /// How long each trigger cycle's gate is open, in nanoseconds.
    let gateWidthNanoseconds: Double

    /// u_A: one arm-A photon detected by a given detector of arm A.
    let detectionPerDetectorA: Double
    /// u_B: one arm-B photon detected by a given detector of arm B.
    let detectionPerDetectorB: Double

    /// The predictions for `parameters`; both detectors of an arm must be equally efficient (else
    /// the white-noise form above does not hold), which the shipped station is.
    init(_ parameters: StationParameters, coincidenceWindowNanoseconds: Double, gateWidthNanoseconds: Double) throws {
        let d = parameters.detectors
        guard d[0].efficiency == d[1].efficiency, d[2].efficiency == d[3].efficiency else {
            throw PredictionError.unequalDetectors
        }
        self.parameters = parameters
        self.coincidenceWindowNanoseconds = coincidenceWindowNanoseconds
        self.gateWidthNanoseconds = gateWidthNanoseconds
        detectionPerDetectorA = parameters.armA.efficiency * d[0].efficiency / 2
        detectionPerDetectorB = parameters.armB.efficiency * d[2].efficiency / 2
    }

    var excitation: Double { parameters.source.excitationProbability }
    var reexcitation: Double { parameters.source.reexcitationProbability }

    /// T of the emitted pairs (Hudson et al. 2007), before anything the counting adds.
    var pairCorrelations: CorrelationTensor { parameters.source.expectedCorrelationTensor }

    /// λ: how much the re-excitation photons dilute the correlations of the coincidence counts.
    var coincidenceDilution: Double {
        let uA = detectionPerDetectorA, uB = detectionPerDetectorB, p2 = reexcitation
        return ((1 - p2) + p2 * (1 - uA) * (1 - uB)) / ((1 - p2) + p2 * (2 - uA) * (2 - uB))
    }

    /// λ_key: the same for BBM92's single-click cycles.
    var keyDilution: Double {
        let uA = detectionPerDetectorA, uB = detectionPerDetectorB, p2 = reexcitation
        return ((1 - p2) + p2 * (1 - uA) * (1 - uB)) / ((1 - p2) + p2 * (2 - 3 * uA) * (2 - 3 * uB))
    }

    /// λT: the correlations the coincidence counts of any setting show.
    var measuredCorrelations: CorrelationTensor { Self.scaled(pairCorrelations, by: coincidenceDilution) }

    /// λ_key·T: the correlations of BBM92's detections.
    var keyCorrelations: CorrelationTensor { Self.scaled(pairCorrelations, by: keyDilution) }

    static func scaled(_ t: CorrelationTensor, by factor: Double) -> CorrelationTensor {
        CorrelationTensor(coherenceCosine: factor * t.coherenceCosine, coherenceSine: factor * t.coherenceSine,
                          populationCorrelation: factor * t.populationCorrelation)
    }

    // MARK: Bell test

    /// Coincidences per trigger cycle, all four detector pairs of one setting together: summing
    /// P(A_i ∧ B_j) over i, j cancels the s_i s_j E terms, p_exc·4u_A u_B [(1 − p₂) + p₂(2 − u_A)(2 − u_B)].
    var coincidencesPerCycle: Double {
        let uA = detectionPerDetectorA, uB = detectionPerDetectorB, p2 = reexcitation
        return 4 * excitation * uA * uB * ((1 - p2) + p2 * (2 - uA) * (2 - uB))
    }

    /// |E| in H/V ⊗ H/V: |T_zz|, diluted.
    var visibilityHV: Double { abs(measuredCorrelations.populationCorrelation) }
    /// |E| in D/A ⊗ D/A: |T_xx| = |d cos φ|, diluted.
    var visibilityDA: Double { abs(measuredCorrelations.coherenceCosine) }

    /// E(a, b) of linear analyzers at a and b degrees from H: the Bloch vectors (sin 2θ, 0, cos 2θ)
    /// give E = T_zz cos 2a cos 2b + T_xx sin 2a sin 2b (T_yy, T_xy need circular components).
    func linearCorrelation(degreesA a: Double, degreesB b: Double) -> Double {
        let t = measuredCorrelations
        let radians = Double.pi / 90   // 2θ in radians per degree of θ
        return t.populationCorrelation * Double.cos(radians * a) * Double.cos(radians * b)
            + t.coherenceCosine * Double.sin(radians * a) * Double.sin(radians * b)
    }

    /// S = E(a,b) − E(a,b′) + E(a′,b) + E(a′,b′) at a = 0°, a′ = 45°, b = 22.5°, b′ = 67.5°
    /// (Clauser et al., PRL 23, 880 (1969)); here √2 (T_zz + T_xx), diluted.
    var chsh: Double {
        linearCorrelation(degreesA: 0, degreesB: 22.5) - linearCorrelation(degreesA: 0, degreesB: 67.5)
            + linearCorrelation(degreesA: 45, degreesB: 22.5) + linearCorrelation(degreesA: 45, degreesB: 67.5)
    }

    /// F = (1 + E_HV + E_DA − E_RL)/4 with E_RL = T_yy = −T_xx: the diluted state's fidelity to |Φ+>.
    var fidelity: Double { measuredCorrelations.fidelityToPhiPlus }

    /// Wootters concurrence of the state the coincidences show (the diluted X state).
    var concurrence: Double { measuredCorrelations.concurrence }

    /// The largest CHSH S any analyzer angles reach on the diluted state, 2√(m₁ + m₂) with m₁, m₂
    /// the two largest eigenvalues of TᵀT (Horodecki, Horodecki & Horodecki, Phys. Lett. A 200,
    /// 340 (1995)). For the X state TᵀT has T_zz² and, from the x–y block [[d cos φ, d sin φ],
    /// [d sin φ, −d cos φ]], d² twice.
    var maximalCHSH: Double {
        let t = measuredCorrelations
        let population = t.populationCorrelation * t.populationCorrelation
        let coherence = t.coherenceCosine * t.coherenceCosine + t.coherenceSine * t.coherenceSine
        return 2 * (coherence + Swift.max(population, coherence)).squareRoot()
    }

    // MARK: BBM92

    /// Probability per trigger cycle of a BBM92 detection (one click in each arm, in coincidence).
    var keyDetectionsPerCycle: Double {
        let uA = detectionPerDetectorA, uB = detectionPerDetectorB, p2 = reexcitation
        return 4 * excitation * uA * uB * ((1 - p2) + p2 * (2 - 3 * uA) * (2 - 3 * uB))
    }

    /// QBER in H/V: outcomes disagree with probability (1 − E_HV)/2, E_HV = λ_key T_zz.
    var qberHV: Double { (1 - keyCorrelations.populationCorrelation) / 2 }
    /// QBER in D/A: (1 − E_DA)/2, E_DA = λ_key T_xx (|Φ+> correlates D with D).
    var qberDA: Double { (1 - keyCorrelations.coherenceCosine) / 2 }

    /// r = 1 − f·h2(E_bit) − h2(E_phase) with the H/V basis as the key (Shor & Preskill,
    /// PRL 85, 441 (2000); Ma, Fung & Lo, PRA 76, 012307 (2007), Eq. 9).
    func secretFraction(errorCorrectionInefficiency f: Double) -> Double {
        Swift.max(0, 1 - f * Self.binaryEntropy(qberHV) - Self.binaryEntropy(qberDA))
    }

    /// h2(p) = −p log2 p − (1 − p) log2(1 − p).
    static func binaryEntropy(_ p: Double) -> Double {
        guard p > 0, p < 1 else { return 0 }
        return -p * Double.log2(p) - (1 - p) * Double.log2(1 - p)
    }

    // MARK: HBT

    /// g2(0) of one arm's HBT (its + and − detectors, same-cycle pairs over other-cycle pairs).
    /// A detector clicks on either photon of a re-excited pulse, so P(+) = p_exc u (1 + p₂(1 − u)),
    /// and the centre peak needs the two photons on different detectors, P(+ ∧ −) = p_exc p₂ 2u²:
    /// g2(0) = 2p₂ / (p_exc (1 + p₂(1 − u))²), the photon-number form
    /// `expectedSecondOrderCorrelationAtZeroDelay` = 2p₂ / (p_exc (1 + p₂)²) with p₂ → p₂(1 − u)
    /// in the mean, because one detector cannot count two photons.
    func secondOrderCorrelation(armA: Bool) -> Double {
        let u = armA ? detectionPerDetectorA : detectionPerDetectorB
        let mean = 1 + reexcitation * (1 - u)
        return 2 * reexcitation / (excitation * mean * mean)
    }

    // MARK: Neglected terms

    /// An upper bound on the fraction of coincidences that involve a dark count: each detector's
    /// dark counts in ±window around the other arm's photon clicks, R_dark · 2w · P(click on the
    /// other arm), summed over the four detector pairs and over P(coincidence) per cycle. A
    /// correlation E can move by at most twice this fraction.
    var darkCoincidenceFraction: Double {
        let window = 2 * coincidenceWindowNanoseconds * 1e-9
        let clickA = 2 * excitation * detectionPerDetectorA * (1 + reexcitation)   // either A detector
        let clickB = 2 * excitation * detectionPerDetectorB * (1 + reexcitation)
        let darkA = parameters.detectors[0].darkCountRatePerSecond + parameters.detectors[1].darkCountRatePerSecond
        let darkB = parameters.detectors[2].darkCountRatePerSecond + parameters.detectors[3].darkCountRatePerSecond
        let darkCoincidences = darkA * window * clickB + darkB * window * clickA + darkA * darkB * window * gateWidthNanoseconds * 1e-9
        let coincidences = 4 * excitation * detectionPerDetectorA * detectionPerDetectorB
        return darkCoincidences / coincidences
    }

    /// Why no prediction could be made.
    enum PredictionError: Error { case unequalDetectors }
}
