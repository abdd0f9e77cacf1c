import RealModule
public import Vocabulary

/// What a station's coincidence counts should show, in closed form: the figures an experiment
/// certifies (visibilities, CHSH S, fidelity, concurrence, purity, largest CHSH S, QBERs, secret
/// fraction, g2(0)) and the rates behind them, from the station's parameters and the one
/// coincidence rule the analysis counts by.
///
/// The emitted pair carries the time-integrated correlations T of
/// ``SourceParameters/expectedCorrelationTensor`` (Hudson et al., Phys. Rev. Lett. 99, 266802
/// (2007)). What the counts show differs from T in one way that matters at the default parameters:
/// with probability p₂ the dot re-excites and each arm gets one more photon, unpolarized and
/// uncorrelated with the pair (``EntangledPairSource``, step 4). Its clicks fall inside the
/// coincidence window with the pair's, so they add coincidences without correlation.
///
/// Derivation (per excited pulse). Let u = η_arm·η_det/2 be the probability that one photon of an
/// arm is detected by a given one of that arm's two detectors (the analyzer sends it to + or −
/// with ½ each, whatever the setting, because the local Bloch vectors are zero). A missed photon
/// does not start the dead time, so a detector clicks if any of its photons is detected: with
/// independent photons X (pair) and X′ (re-excitation) on detector A_i and Y, Y′ on B_j, by
/// inclusion–exclusion,
///
///     P(A_i ∧ B_j) = 1 − P(¬A_i) − P(¬B_j) + P(¬A_i ∧ ¬B_j)
///                  = u_A u_B [(2 − u_A)(2 − u_B) + (1 − u_A)(1 − u_B) s_i s_j E]   (re-excited),
///                  = u_A u_B [1 + s_i s_j E]                                         (not),
///
/// with E = a·T·b the pair's correlation for the two settings and s = ±1 the output. Averaged over
/// p₂ the four coincidence counts are those of a state with T replaced by λT, the pair mixed with
/// white noise of weight 1 − λ:
///
///     λ = [(1 − p₂) + p₂(1 − u_A)(1 − u_B)] / [(1 − p₂) + p₂(2 − u_A)(2 − u_B)].
///
/// BBM92 keeps only cycles with exactly one detector clicking in each arm. Arm A then shows only
/// A_i if the pair photon went to A_i or was missed and the extra photon went to A_i or was
/// missed, not both missed; summing the four cases,
///
///     P(only A_i ∧ only B_j) = u_A u_B [(2 − 3u_A)(2 − 3u_B) + (1 − u_A)(1 − u_B) s_i s_j E]  (re-excited),
///
/// so its correlations are λ_key·T with (2 − 3u) in place of (2 − u) in λ's denominator, and a
/// cycle is a detection with probability 4 p_exc u_A u_B [(1 − p₂) + p₂(2 − 3u_A)(2 − 3u_B)].
///
/// At the shipped station (p₂ = 0.005, u = 0.085) λ ≈ 0.986: the pair's figures
/// (``SourceParameters/expectedFidelity``, …) sit above what the coincidences show by 0.010
/// (fidelity), 0.013 (visibility H/V), 0.020 (concurrence) and 0.037 (largest CHSH S), about one
/// standard error of a few-hundred-coincidence setting.
///
/// What is left out, each bounded by ``darkCoincidenceFraction(coincidenceWindowNanoseconds:gateWidthNanoseconds:)``
/// or smaller: dark counts (a coincidence needs one within ±window of a photon click:
/// 100 /s × 10 ns = 10⁻⁶ per cycle), a dark count earlier in the gate taking a detector's first
/// click or its dead time (≈ rate × 0.6 µs ≈ 6·10⁻⁵ per detector and cycle, blind to the photon's
/// outcome, so it loses coincidences without biasing E), and pair photons more than the window
/// apart (e^{−5 ns/τ_X} ≈ 10⁻⁹).
public struct ExpectedFigures: Sendable, Hashable {
    /// The station's parameters.
    public let parameters: StationParameters
    /// u_A: one arm-A photon detected by a given detector of arm A, η_A·η_det/2.
    public let detectionPerDetectorA: Double
    /// u_B: one arm-B photon detected by a given detector of arm B.
    public let detectionPerDetectorB: Double

    /// The closed forms for `parameters`. Both detectors of an arm must be equally efficient (else
    /// the white-noise form above does not hold: the marginals become polarized); throws otherwise,
    /// and for parameters the model refuses.
    public init(_ parameters: StationParameters) throws(StationDataError) {
        try StationDataError.check(parameters.validate())
        var problems: [ParameterProblem] = []
        for arm in AnalyzerArm.allCases {
            let plus = DetectorChannel(arm: arm, output: .plus), minus = DetectorChannel(arm: arm, output: .minus)
            let efficiency = parameters.detector(minus).efficiency
            if parameters.detector(plus).efficiency != efficiency {
                problems.append(ParameterProblem(
                    field: "detector.\(minus.stationKey).efficiency", found: "\(efficiency)",
                    expected: "\(parameters.detector(plus).efficiency), as its arm's + detector, for the closed forms (the white-noise form needs equal detectors)"))
            }
        }
        try StationDataError.check(problems)
        self.parameters = parameters
        detectionPerDetectorA = parameters.armA.efficiency * parameters.detector(.aPlus).efficiency / 2
        detectionPerDetectorB = parameters.armB.efficiency * parameters.detector(.bPlus).efficiency / 2
    }

    var excitation: Double { parameters.source.excitationProbability }
    var reexcitation: Double { parameters.source.reexcitationProbability }

    /// T of the emitted pairs (Hudson et al. 2007), before anything the counting adds.
    public var pairCorrelations: CorrelationTensor { parameters.source.expectedCorrelationTensor }

    /// λ: how much the re-excitation photons dilute the correlations of the coincidence counts.
    public var coincidenceDilution: Double {
        let uA = detectionPerDetectorA, uB = detectionPerDetectorB, p2 = reexcitation
        return ((1 - p2) + p2 * (1 - uA) * (1 - uB)) / ((1 - p2) + p2 * (2 - uA) * (2 - uB))
    }

    /// λ_key: the same for BBM92's single-click cycles.
    public var keyDilution: Double {
        let uA = detectionPerDetectorA, uB = detectionPerDetectorB, p2 = reexcitation
        return ((1 - p2) + p2 * (1 - uA) * (1 - uB)) / ((1 - p2) + p2 * (2 - 3 * uA) * (2 - 3 * uB))
    }

    /// λT: the correlations the coincidence counts of any setting show.
    public var measuredCorrelations: CorrelationTensor { pairCorrelations.scaled(by: coincidenceDilution) }

    /// λ_key·T: the correlations of BBM92's detections.
    public var keyCorrelations: CorrelationTensor { pairCorrelations.scaled(by: keyDilution) }

    // MARK: Bell test and tomography

    /// Coincidences per trigger cycle, all four detector pairs of one setting together: summing
    /// P(A_i ∧ B_j) over i, j cancels the s_i s_j E terms, p_exc·4u_A u_B [(1 − p₂) + p₂(2 − u_A)(2 − u_B)].
    public var coincidencesPerCycle: Double {
        let uA = detectionPerDetectorA, uB = detectionPerDetectorB, p2 = reexcitation
        return 4 * excitation * uA * uB * ((1 - p2) + p2 * (2 - uA) * (2 - uB))
    }

    /// |E| in H/V ⊗ H/V: |λT_zz|.
    public var visibilityHV: Double { abs(measuredCorrelations.populationCorrelation) }
    /// |E| in D/A ⊗ D/A: |λT_xx| = |λd cos φ|.
    public var visibilityDA: Double { abs(measuredCorrelations.coherenceCosine) }

    /// E(a, b) of linear analyzers at a and b degrees from H: the Bloch vectors (sin 2θ, 0, cos 2θ)
    /// give E = T_zz cos 2a cos 2b + T_xx sin 2a sin 2b (T_yy, T_xy need circular components).
    public func linearCorrelation(degreesA a: Double, degreesB b: Double) -> Double {
        let t = measuredCorrelations
        let radians = Double.pi / 90   // 2θ in radians per degree of θ
        return t.populationCorrelation * Double.cos(radians * a) * Double.cos(radians * b)
            + t.coherenceCosine * Double.sin(radians * a) * Double.sin(radians * b)
    }

    /// S = E(a,b) − E(a,b′) + E(a′,b) + E(a′,b′) at a = 0°, a′ = 45°, b = 22.5°, b′ = 67.5°
    /// (Clauser et al., PRL 23, 880 (1969)); here √2 λ(T_zz + T_xx).
    public var chsh: Double {
        linearCorrelation(degreesA: 0, degreesB: 22.5) - linearCorrelation(degreesA: 0, degreesB: 67.5)
            + linearCorrelation(degreesA: 45, degreesB: 22.5) + linearCorrelation(degreesA: 45, degreesB: 67.5)
    }

    /// F = (1 + E_HV + E_DA − E_RL)/4 with E_RL = T_yy = −T_xx: the diluted state's fidelity to |Φ+>.
    public var fidelity: Double { measuredCorrelations.fidelityToPhiPlus }

    /// Wootters concurrence of the state the coincidences show (the diluted X state).
    public var concurrence: Double { measuredCorrelations.concurrence }

    /// Purity Tr ρ² of the state the coincidences show.
    public var purity: Double { measuredCorrelations.purity }

    /// The largest CHSH S any analyzer angles reach on the state the coincidences show (Horodecki
    /// criterion, ``CorrelationTensor/maximalCHSH``).
    public var maximalCHSH: Double { measuredCorrelations.maximalCHSH }

    // MARK: BBM92

    /// Probability per trigger cycle of a BBM92 detection (one click in each arm, in coincidence).
    public var keyDetectionsPerCycle: Double {
        let uA = detectionPerDetectorA, uB = detectionPerDetectorB, p2 = reexcitation
        return 4 * excitation * uA * uB * ((1 - p2) + p2 * (2 - 3 * uA) * (2 - 3 * uB))
    }

    /// QBER in H/V: outcomes disagree with probability (1 − E_HV)/2, E_HV = λ_key T_zz.
    public var qberHV: Double { (1 - keyCorrelations.populationCorrelation) / 2 }
    /// QBER in D/A: (1 − E_DA)/2, E_DA = λ_key T_xx (|Φ+> correlates D with D).
    public var qberDA: Double { (1 - keyCorrelations.coherenceCosine) / 2 }

    /// r = max(0, 1 − f·h2(E_bit) − h2(E_phase)) with the H/V basis as the key (Shor & Preskill,
    /// PRL 85, 441 (2000); Ma, Fung & Lo, PRA 76, 012307 (2007), Eq. 9).
    public func secretFraction(errorCorrectionInefficiency f: Double) -> Double {
        Swift.max(0, 1 - f * Self.binaryEntropy(qberHV) - Self.binaryEntropy(qberDA))
    }

    /// h2(p) = −p log2 p − (1 − p) log2(1 − p), with h2(0) = h2(1) = 0.
    static func binaryEntropy(_ p: Double) -> Double {
        guard p > 0, p < 1 else { return 0 }
        return -p * Double.log2(p) - (1 - p) * Double.log2(1 - p)
    }

    // MARK: HBT

    /// g2(0) of one arm's HBT (its + and − detectors, same-cycle pairs over other-cycle pairs).
    /// A detector clicks on either photon of a re-excited pulse, so P(+) = p_exc u (1 + p₂(1 − u)),
    /// and the centre peak needs the two photons on different detectors, P(+ ∧ −) = p_exc p₂ 2u²:
    /// g2(0) = 2p₂ / (p_exc (1 + p₂(1 − u))²), the photon-number form
    /// ``SourceParameters/expectedSecondOrderCorrelationAtZeroDelay`` = 2p₂ / (p_exc (1 + p₂)²) with
    /// p₂ → p₂(1 − u) in the mean, because one detector cannot count two photons.
    public func secondOrderCorrelation(_ arm: AnalyzerArm) -> Double {
        let u = arm == .a ? detectionPerDetectorA : detectionPerDetectorB
        let mean = 1 + reexcitation * (1 - u)
        return 2 * reexcitation / (excitation * mean * mean)
    }

    // MARK: Neglected terms

    /// An upper bound on the fraction of coincidences that involve a dark count, for a coincidence
    /// window of ±`coincidenceWindowNanoseconds` and a gate open `gateWidthNanoseconds`: each
    /// detector's dark counts in ±window around the other arm's photon clicks, R_dark · 2w ·
    /// P(click on the other arm), summed over the four detector pairs, plus two dark counts in one
    /// gate, over P(coincidence) per cycle. A correlation E can move by at most twice this fraction.
    public func darkCoincidenceFraction(coincidenceWindowNanoseconds: Double, gateWidthNanoseconds: Double) -> Double {
        let window = 2 * coincidenceWindowNanoseconds * 1e-9
        let clickA = 2 * excitation * detectionPerDetectorA * (1 + reexcitation)   // either A detector
        let clickB = 2 * excitation * detectionPerDetectorB * (1 + reexcitation)
        let darkA = parameters.detector(.aPlus).darkCountRatePerSecond + parameters.detector(.aMinus).darkCountRatePerSecond
        let darkB = parameters.detector(.bPlus).darkCountRatePerSecond + parameters.detector(.bMinus).darkCountRatePerSecond
        let darkCoincidences = darkA * window * clickB + darkB * window * clickA
            + darkA * darkB * window * gateWidthNanoseconds * 1e-9
        let coincidences = 4 * excitation * detectionPerDetectorA * detectionPerDetectorB
        return darkCoincidences / coincidences
    }
}
