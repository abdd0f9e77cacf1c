/// An intercept-resend eavesdropper (Eve) at the source end of Bob's fibre.
///
/// On a fraction p of pulses she takes Bob's photon, measures it in H/V or D/A (each with
/// probability ½; she knows the BBM92 bases but not which one Bob will use) with a perfect
/// detector, and sends Bob a fresh photon in the state she found; the fibre's loss acts on it
/// as on the original. She learns her outcome; Alice's and Bob's outcomes then follow
/// P(s_A, s_E) = ¼(1 + s_A s_E a·T·e) and P(s_B | s_E) = ½(1 + s_B s_E e·b).
///
/// In matching bases (a = b = z or x) the correlation falls from T to T·(1 − p/2), so the QBER
/// Q₀ = (1 − T)/2 of the pair becomes
///
///     Q(p) = Q₀ + p·(1 − 2Q₀)/4,
///
/// 25 %·p for a perfect source (Bennett, Brassard & Mermin, Phys. Rev. Lett. 68, 557 (1992);
/// Gisin et al., Rev. Mod. Phys. 74, 145 (2002), Sec. VI.A); see ``expectedQuantumBitErrorRate(intrinsic:)``.
public struct InterceptResendEavesdropper: Hashable, Sendable {
    /// The fraction p of pulses Eve intercepts, 0 … 1. Key `intercept-fraction`.
    public let interceptFraction: Double

    /// No eavesdropper.
    public static let absent = InterceptResendEavesdropper(checkedFraction: 0)

    /// Eve intercepting `interceptFraction` of the pulses, or the problem with the fraction.
    public init(interceptFraction: Double) throws(StationDataError) {
        if let problem = ParameterCheck.probability(interceptFraction, field: "intercept-fraction") {
            throw StationDataError(problems: [problem])
        }
        self.init(checkedFraction: interceptFraction)
    }

    init(checkedFraction: Double) { interceptFraction = checkedFraction }

    /// Q(p) = Q₀ + p(1 − 2Q₀)/4: the matching-basis QBER with Eve, from the QBER `intrinsic` (Q₀)
    /// the pairs show in that basis without her. Derivation: with probability p the correlation
    /// is ½Σ_e (a·T·e)(e·b) over Eve's two bases; for a = b = z only e = z contributes, giving
    /// ½T_zz (likewise ½T_xx for D/A), so E = T(1 − p/2) and Q = (1 − E)/2.
    public func expectedQuantumBitErrorRate(intrinsic: Double) -> Double {
        intrinsic + interceptFraction * (1 - 2 * intrinsic) / 4
    }
}
