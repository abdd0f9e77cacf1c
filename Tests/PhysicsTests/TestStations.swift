import Physics

/// Station data for tests.
enum TestStations {
    /// A perfect station: every pulse makes a pair, no loss, perfect noiseless detectors with no
    /// dead time to speak of, no re-excitation; only the state's physics is left.
    static func ideal(source: SourceParameters) -> StationParameters {
        var source = source
        source.excitationProbability = 1
        source.reexcitationProbability = 0
        let detector = DetectorParameters(efficiency: 1, darkCountRatePerSecond: 0, deadTimePicoseconds: 20_000,
                                          jitterRMSPicoseconds: 0)
        return StationParameters(source: source, armA: ArmParameters(efficiency: 1), armB: ArmParameters(efficiency: 1),
                                 detectors: Array(repeating: detector, count: 4))
    }
}
