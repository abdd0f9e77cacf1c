public import Vocabulary
/// The standard sets of analyzer settings for two-photon tomography, and the helpers that turn
/// counts into `TomographyMeasurement`s.
public enum TomographySettings {
    /// The 16 settings {H, V, D, R} ⊗ {H, V, D, R} (arm A first, arm B varying fastest):
    /// HH, HV, HD, HR, VH, …, RR. Tomographically complete, one count per setting.
    public static var standard16: [(PolarizationProjection, PolarizationProjection)] {
        let singles: [PolarizationProjection] = [.horizontalH, .verticalV, .diagonalD, .rightR]
        return singles.flatMap { a in singles.map { b in (a, b) } }
    }

    /// The 36 settings {H, V, D, A, R, L} ⊗ {H, V, D, A, R, L} (arm A first, arm B varying
    /// fastest): every output pair of the 9 analyzer basis pairs; over-complete.
    public static var overcomplete36: [(PolarizationProjection, PolarizationProjection)] {
        let singles: [PolarizationProjection] = [.horizontalH, .verticalV, .diagonalD, .antidiagonalA, .rightR, .leftL]
        return singles.flatMap { a in singles.map { b in (a, b) } }
    }

    /// Measurements from parallel lists: `settings[k]` with `counts[k]`, optional per-setting
    /// accidentals and relative exposures (for example detector-efficiency products). Throws when
    /// the lists differ in length or any entry is empty, negative or not finite.
    public static func measurements(settings: [(PolarizationProjection, PolarizationProjection)], counts: [Double],
                                    accidentals: [Double]? = nil,
                                    relativeExposures: [Double]? = nil) throws(AnalysisError) -> [TomographyMeasurement] {
        guard !settings.isEmpty else { throw .emptySetting(location: "tomography settings", detail: "no settings given") }
        guard counts.count == settings.count else {
            throw .mismatchedSettings(detail: "\(settings.count) settings but \(counts.count) counts")
        }
        if let accidentals, accidentals.count != settings.count {
            throw .mismatchedSettings(detail: "\(settings.count) settings but \(accidentals.count) accidental counts")
        }
        if let relativeExposures, relativeExposures.count != settings.count {
            throw .mismatchedSettings(detail: "\(settings.count) settings but \(relativeExposures.count) exposures")
        }
        var result: [TomographyMeasurement] = []
        result.reserveCapacity(settings.count)
        for (k, setting) in settings.enumerated() {
            let measurement = TomographyMeasurement(projectionA: setting.0, projectionB: setting.1, counts: counts[k],
                                                    accidentals: accidentals?[k] ?? 0,
                                                    relativeExposure: relativeExposures?[k] ?? 1)
            try measurement.validate(index: k)
            result.append(measurement)
        }
        return result
    }

    /// The relative exposure of a setting that ran `triggerCycles` trigger cycles: its cycles, or
    /// 1 when no setting of the tomography recorded any (`anyRecorded` false: counts without a
    /// schedule). A setting without cycles while others have some was not measured (a salvaged
    /// record cut before it ran): it is refused, named by `location`, rather than counted as a
    /// measurement of one cycle with no coincidence, which would fix a state the counts do not.
    public static func exposure(triggerCycles: Int, anyRecorded: Bool, location: String) throws(AnalysisError) -> Double {
        guard anyRecorded else { return 1 }
        guard triggerCycles > 0 else {
            throw .emptySetting(location: location, detail: "no trigger cycles recorded while other settings have some")
        }
        return Double(triggerCycles)
    }

    /// Four measurements (++, +−, −+, −−) per analyzer basis pair, from the firmware's
    /// per-setting counts. The relative exposure of each is the setting's trigger cycles (1 when
    /// zero cycles were recorded for every setting) times the two detectors' relative efficiencies
    /// `detectorEfficiencies` (A+, A−, B+, B−), which corrects for unequal detectors. Accidentals
    /// in the counts are carried over.
    public static func measurements(
        basisPairs: [(AnalyzerBasis, AnalyzerBasis, SettingCounts)],
        detectorEfficiencies: PerChannel<Double> = PerChannel(repeating: 1)
    ) throws(AnalysisError) -> [TomographyMeasurement] {
        guard !basisPairs.isEmpty else { throw .emptySetting(location: "tomography basis pairs", detail: "none given") }
        for channel in DetectorChannel.allCases {
            let efficiency = detectorEfficiencies[channel]
            try AnalysisError.checkFinite(efficiency, "efficiency of \(channel)")
            guard efficiency > 0 else {
                throw .invalidParameter(name: "efficiency of \(channel)", value: "\(efficiency)", expected: "> 0")
            }
        }
        let anyRecorded = basisPairs.contains { $0.2.triggerCycles > 0 }
        var result: [TomographyMeasurement] = []
        for (index, (basisA, basisB, counts)) in basisPairs.enumerated() {
            let location = "basis pair \(index) (\(basisA.label) ⊗ \(basisB.label))"
            let (_, _) = try counts.netCoincidences(location)
            let cycles = try exposure(triggerCycles: counts.triggerCycles, anyRecorded: anyRecorded, location: location)
            for pair in DetectorPair.allCases {
                result.append(TomographyMeasurement(
                    projectionA: try basisA.projection(onto: pair.channelA.output),
                    projectionB: try basisB.projection(onto: pair.channelB.output),
                    counts: Double(counts.coincidences[pair]), accidentals: counts.accidentals?[pair] ?? 0,
                    relativeExposure: cycles * detectorEfficiencies[pair.channelA] * detectorEfficiencies[pair.channelB]))
            }
        }
        return result
    }
}
