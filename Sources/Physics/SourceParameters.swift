/// The quantum dot and its excitation: what one laser pulse makes.
///
/// Defaults are typical of GaAs quantum dots under two-photon resonant excitation (TPE):
/// biexciton and exciton lifetimes of the order of 0.1 ns and 0.25 ns and fine-structure
/// splittings below 1 µeV (Huber et al., Phys. Rev. Lett. 121, 033902 (2018); Liu et al.,
/// Nat. Nanotechnol. 14, 586 (2019)); TPE π-pulse preparation near 0.9 (Müller et al.,
/// Nat. Photon. 8, 224 (2014)); the entangled-fraction and spin-scattering model is that of
/// Hudson et al., Phys. Rev. Lett. 99, 266802 (2007).
public struct SourceParameters: Hashable, Sendable {
    /// Probability p_exc that a pulse prepares the biexciton (TPE π-pulse efficiency). Key `excitation-probability`.
    public var excitationProbability: Double
    /// Mean biexciton (XX) radiative lifetime τ_XX, in picoseconds. Key `biexciton-lifetime-ps`.
    public var biexcitonLifetimePicoseconds: Double
    /// Mean exciton (X) radiative lifetime τ_X, in picoseconds. Key `exciton-lifetime-ps`.
    public var excitonLifetimePicoseconds: Double
    /// Fine-structure splitting S of the bright exciton, in µeV (sign sets the sense of the
    /// phase precession). Key `fine-structure-splitting-uev`.
    public var fineStructureSplittingMicroelectronvolts: Double
    /// Fraction k of pairs in the coherent state; the rest are maximally mixed (Hudson et al. 2007).
    /// Key `entangled-fraction`.
    public var entangledFraction: Double
    /// Probability p₂ that the dot re-excites and adds one extra, uncorrelated photon to each arm
    /// (sets g2(0)). Key `reexcitation-probability`.
    public var reexcitationProbability: Double
    /// Exciton spin-scattering time τ_SS in picoseconds, or nil for none (τ_SS = ∞)
    /// (Hudson et al. 2007). Key `spin-scattering-time-ps`.
    public var spinScatteringTimePicoseconds: Double?
    /// Cross-dephasing time τ_HV of the H and V exciton states in picoseconds, or nil for none
    /// (Hudson et al. 2007). Key `cross-dephasing-time-ps`.
    public var crossDephasingTimePicoseconds: Double?

    /// Source parameters; each default is the literature value given in the type's summary.
    public init(excitationProbability: Double = 0.9,
                biexcitonLifetimePicoseconds: Double = 120,
                excitonLifetimePicoseconds: Double = 250,
                fineStructureSplittingMicroelectronvolts: Double = 0.5,
                entangledFraction: Double = 0.95,
                reexcitationProbability: Double = 0.005,
                spinScatteringTimePicoseconds: Double? = nil,
                crossDephasingTimePicoseconds: Double? = nil) {
        self.excitationProbability = excitationProbability
        self.biexcitonLifetimePicoseconds = biexcitonLifetimePicoseconds
        self.excitonLifetimePicoseconds = excitonLifetimePicoseconds
        self.fineStructureSplittingMicroelectronvolts = fineStructureSplittingMicroelectronvolts
        self.entangledFraction = entangledFraction
        self.reexcitationProbability = reexcitationProbability
        self.spinScatteringTimePicoseconds = spinScatteringTimePicoseconds
        self.crossDephasingTimePicoseconds = crossDephasingTimePicoseconds
    }

    /// Every problem with these values, keys relative to the source section (`source.` is added
    /// by ``StationParameters``).
    public func validate() -> [ParameterProblem] {
        var problems: [ParameterProblem?] = [
            ParameterCheck.probability(excitationProbability, field: "excitation-probability"),
            ParameterCheck.positive(biexcitonLifetimePicoseconds, field: "biexciton-lifetime-ps", unit: "ps", atMost: 1_000_000),
            ParameterCheck.positive(excitonLifetimePicoseconds, field: "exciton-lifetime-ps", unit: "ps", atMost: 1_000_000),
            ParameterCheck.finite(fineStructureSplittingMicroelectronvolts, field: "fine-structure-splitting-uev",
                                  unit: "µeV"),
            ParameterCheck.probability(entangledFraction, field: "entangled-fraction"),
            ParameterCheck.probability(reexcitationProbability, field: "reexcitation-probability"),
        ]
        if let spinScatteringTimePicoseconds {
            problems.append(ParameterCheck.positive(spinScatteringTimePicoseconds, field: "spin-scattering-time-ps",
                                                    unit: "ps (omit the key for no spin scattering)", atMost: 1_000_000_000))
        }
        if let crossDephasingTimePicoseconds {
            problems.append(ParameterCheck.positive(crossDephasingTimePicoseconds, field: "cross-dephasing-time-ps",
                                                    unit: "ps (omit the key for no cross-dephasing)", atMost: 1_000_000_000))
        }
        return problems.compactMap { $0 }
    }
}
