/// One arm of the optics, from the dot to its two detectors: loss and path delay.
///
/// The default efficiency 0.2 sits in the 0.1–0.3 range of end-to-end collection and transmission
/// (extraction, fibre coupling, filters, analyzer) of planar or lens-enhanced dots (Huber et al.,
/// Phys. Rev. Lett. 121, 033902 (2018); Liu et al., Nat. Nanotechnol. 14, 586 (2019) with a
/// circular Bragg grating is the high end).
public struct ArmParameters: Hashable, Sendable {
    /// Probability η that a photon emitted into this arm reaches a detector input (the PBS
    /// outputs included). Key `efficiency`.
    public var efficiency: Double
    /// Time from emission at the dot to arrival at the detector inputs, in picoseconds (fibre and
    /// free-space path). Key `arrival-delay-ps`.
    public var arrivalDelayPicoseconds: Int64

    /// Arm parameters; defaults as in the type's summary and a 5 ns (≈1 m of fibre) path.
    public init(efficiency: Double = 0.2, arrivalDelayPicoseconds: Int64 = 5_000) {
        self.efficiency = efficiency
        self.arrivalDelayPicoseconds = arrivalDelayPicoseconds
    }

    /// Every problem with these values, keys relative to the arm's section.
    public func validate() -> [ParameterProblem] {
        var problems: [ParameterProblem] = []
        if let problem = ParameterCheck.probability(efficiency, field: "efficiency") { problems.append(problem) }
        if let problem = ParameterCheck.picoseconds(arrivalDelayPicoseconds, in: 0...ParameterCheck.longestPicoseconds,
                                                    field: "arrival-delay-ps", what: "a delay") {
            problems.append(problem)
        }
        return problems
    }
}
