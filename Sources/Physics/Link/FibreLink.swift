import RealModule

/// The optical fibre that carries one photon of each pair from the source to a distant node:
/// its loss, its delay and the polarization error it adds.
///
/// Transmission follows the usual dB budget, T = 10^(−(α·L + extra)/10) with α in dB/km and L in
/// km (e.g. Agrawal, Fiber-Optic Communication Systems, 4th ed., Eq. 2.5.1). Light travels at the
/// group velocity c/n_g, so the delay is L·n_g/c.
///
/// The default attenuation, 3.5 dB/km, is the typical specified loss of single-mode fibre for
/// the 780–900 nm band, where the GaAs dots this source models emit (Schimpf et al., Sci. Adv. 7,
/// eabe8905 (2021) ran their 350 m link at ~785 nm). Telecom fibre at 1550 nm (SMF-28: 0.2 dB/km)
/// is ``telecomAttenuationDecibelsPerKilometre``. The default group index 1.468 (SMF-28 at
/// 1550 nm; fused silica near 780 nm differs by under 1 %) gives 4.897 ns/m.
///
/// The polarization error e is the probability that the photon reaches Bob's analyzer with its
/// polarization flipped, whatever the basis: what the fibre's birefringence drift, its imperfect
/// compensation and the analyzer's misalignment add. It is the e_d ("e_detector") of decoy and
/// entanglement key-rate models (Ma, Fung & Lo, Phys. Rev. A 76, 012307 (2007);
/// the "optical misalignment" of Gobby, Yuan & Shields, Appl. Phys. Lett. 84, 3762 (2004)); a
/// pair QBER Q₀ becomes Q₀(1 − e) + (1 − Q₀)e = Q₀ + e(1 − 2Q₀).
public struct FibreLink: Hashable, Sendable {
    /// Fibre length L, in metres. Key `length-m`.
    public let lengthMetres: Double
    /// Attenuation α, in dB per kilometre. Key `attenuation-db-per-km`.
    public let attenuationDecibelsPerKilometre: Double
    /// Group index n_g: the delay is L·n_g/c. Key `group-index`.
    public let groupIndex: Double
    /// Fixed loss of connectors, splices and the receiver's coupling, in dB. Key `extra-loss-db`.
    public let extraLossDecibels: Double
    /// Probability e, 0 … 0.5, that the fibre and Bob's analyzer flip the photon's output
    /// (basis-independent misalignment). Key `polarization-error`.
    public let polarizationErrorProbability: Double

    /// Attenuation of single-mode fibre in the 780–900 nm band (the GaAs dots'), 3.5 dB/km: the default.
    public static let nearInfraredAttenuationDecibelsPerKilometre = 3.5
    /// Attenuation of standard telecom fibre (SMF-28) at 1550 nm, 0.2 dB/km.
    public static let telecomAttenuationDecibelsPerKilometre = 0.2
    /// The speed of light in vacuum, in metres per picosecond: 299 792 458 m/s (SI, exact).
    public static let speedOfLightMetresPerPicosecond = 299_792_458e-12
    /// The longest fibre accepted, 1000 km (keeps the delay far inside Int64 picoseconds).
    public static let longestMetres = 1_000_000.0

    /// A fibre of `lengthMetres`, or every problem with the values (keys as in a link file).
    public init(lengthMetres: Double,
                attenuationDecibelsPerKilometre: Double = FibreLink.nearInfraredAttenuationDecibelsPerKilometre,
                groupIndex: Double = 1.468, extraLossDecibels: Double = 0,
                polarizationErrorProbability: Double = 0) throws(StationDataError) {
        let problems = [
            ParameterCheck.nonNegative(lengthMetres, field: "length-m", unit: "m", atMost: Self.longestMetres),
            ParameterCheck.nonNegative(attenuationDecibelsPerKilometre, field: "attenuation-db-per-km",
                                       unit: "dB/km", atMost: 1000),
            groupIndex >= 1 && groupIndex <= 5 ? nil
                : ParameterProblem(field: "group-index", found: "\(groupIndex)", expected: "a group index 1 … 5"),
            ParameterCheck.nonNegative(extraLossDecibels, field: "extra-loss-db", unit: "dB", atMost: 1000),
            polarizationErrorProbability >= 0 && polarizationErrorProbability <= 0.5 ? nil
                : ParameterProblem(field: "polarization-error", found: "\(polarizationErrorProbability)",
                                   expected: "a probability 0 … 0.5"),
        ].compactMap { $0 }
        try StationDataError.check(problems)
        self.lengthMetres = lengthMetres
        self.attenuationDecibelsPerKilometre = attenuationDecibelsPerKilometre
        self.groupIndex = groupIndex
        self.extraLossDecibels = extraLossDecibels
        self.polarizationErrorProbability = polarizationErrorProbability
    }

    /// Q₀(1 − e) + (1 − Q₀)e = Q₀ + e(1 − 2Q₀): the QBER Bob's flips (e) make of a QBER `intrinsic`
    /// (Q₀) — an error either way is undone by a flip, a correct bit is spoiled by one (Ma, Fung &
    /// Lo, Phys. Rev. A 76, 012307 (2007), the e_d term).
    public func expectedQuantumBitErrorRate(intrinsic: Double) -> Double {
        intrinsic + polarizationErrorProbability * (1 - 2 * intrinsic)
    }

    /// The polarization error that turns a QBER `intrinsic`
    /// into `measured`, e = (Q − Q₀)/(1 − 2Q₀) (Q₀ < ½). Fitting e this way uses the measured QBER
    /// up: a QBER check of a link so set is a consistency check, not a prediction.
    public static func polarizationErrorProbability(measuredQBER measured: Double, intrinsicQBER intrinsic: Double) -> Double {
        (measured - intrinsic) / (1 - 2 * intrinsic)
    }

    /// Total loss α·L + extra, in dB.
    public var lossDecibels: Double {
        attenuationDecibelsPerKilometre * lengthMetres / 1000 + extraLossDecibels
    }

    /// Probability T = 10^(−loss/10) that a photon entering the fibre leaves it.
    public var transmission: Double { Double.pow(10, -lossDecibels / 10) }

    /// Delay L·n_g/c, in picoseconds (rounded to the nearest picosecond): 4 897 ps per metre at n_g = 1.468.
    public var delayPicoseconds: Int64 {
        Picoseconds.rounded(lengthMetres * groupIndex / Self.speedOfLightMetresPerPicosecond)
    }
}
