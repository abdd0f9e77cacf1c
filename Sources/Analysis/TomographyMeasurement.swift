/// One projective measurement of a two-photon tomography: arm A projected on `projectionA`, arm B
/// on `projectionB`, and the coincidences counted.
///
/// The model is the one of James et al., Phys. Rev. A 64, 052312 (2001), Eq. (3.3), extended by a
/// relative exposure and a background: expected counts = N · exposure · Tr(ρ P_A ⊗ P_B) + accidentals.
public struct TomographyMeasurement: Sendable, CustomStringConvertible {
    /// The projection of arm A's photon.
    public var projectionA: PolarizationProjection
    /// The projection of arm B's photon.
    public var projectionB: PolarizationProjection
    /// The coincidences counted (≥ 0).
    public var counts: Double
    /// The accidental coincidences expected in this measurement, subtracted in the model (≥ 0).
    public var accidentals: Double
    /// Relative exposure (> 0): the product of the two detectors' relative efficiencies and the
    /// relative measurement time (or number of trigger cycles). 1 when all are equal.
    public var relativeExposure: Double

    /// A measurement; `accidentals` defaults to none and `relativeExposure` to 1.
    public init(projectionA: PolarizationProjection, projectionB: PolarizationProjection, counts: Double,
                accidentals: Double = 0, relativeExposure: Double = 1) {
        self.projectionA = projectionA
        self.projectionB = projectionB
        self.counts = counts
        self.accidentals = accidentals
        self.relativeExposure = relativeExposure
    }

    /// "HD", "RL", … for messages.
    public var settingName: String { "\(projectionA.name)\(projectionB.name)" }

    public var description: String { "\(settingName): \(counts) counts" }

    /// The product ket |a> ⊗ |b>.
    var ket: ComplexVector4 { ComplexVector4(tensorProductOf: projectionA.ket, projectionB.ket) }

    /// Checks counts, accidentals and exposure.
    func validate(index: Int) throws(AnalysisError) {
        let location = "measurement \(index) (\(settingName))"
        try AnalysisError.checkCount(counts, "\(location) counts")
        try AnalysisError.checkCount(accidentals, "\(location) accidentals")
        try AnalysisError.checkFinite(relativeExposure, "\(location) relative exposure")
        guard relativeExposure > 0 else {
            throw .invalidParameter(name: "\(location) relative exposure", value: "\(relativeExposure)", expected: "> 0")
        }
    }
}
