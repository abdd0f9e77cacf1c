/// One single-photon detector and its readout.
///
/// Defaults are those of a current superconducting nanowire detector (SNSPD): efficiency 0.85,
/// timing jitter tens of ps and recovery tens of ns (Esmaeil Zadeh et al., APL Photonics 2,
/// 111301 (2017); review: Hadfield, Nat. Photon. 3, 696 (2009)); dark counts of order 100 /s;
/// no afterpulsing (SNSPDs show none to speak of; SPADs show 1–5 %, Cova et al., Appl. Opt. 35,
/// 1956 (1996)).
public struct DetectorParameters: Hashable, Sendable {
    /// Probability η_det that a photon at the input gives a click (when live). Key `efficiency`.
    public var efficiency: Double
    /// Rate of dark counts, a Poisson process in time, per second. Key `dark-count-rate-per-s`.
    public var darkCountRatePerSecond: Double
    /// Non-paralyzable dead time after each click, in picoseconds. Key `dead-time-ps`.
    public var deadTimePicoseconds: Int64
    /// RMS of the Gaussian timing jitter added to each click, in picoseconds. Key `jitter-rms-ps`.
    public var jitterRMSPicoseconds: Double
    /// Probability that a click is followed by an afterpulse. Key `afterpulse-probability`.
    public var afterpulseProbability: Double
    /// Delay from a click to its afterpulse, in picoseconds; it must be at least the dead time
    /// or the detector would never be live to show it. Key `afterpulse-delay-ps`.
    public var afterpulseDelayPicoseconds: Int64
    /// Width of the pulse a click drives on the click line, in picoseconds. Key `click-pulse-width-ps`.
    public var clickPulseWidthPicoseconds: Int64
    /// Gated or free-running. Key `mode`.
    public var mode: DetectorMode

    /// Detector parameters; defaults as in the type's summary.
    public init(efficiency: Double = 0.85, darkCountRatePerSecond: Double = 100, deadTimePicoseconds: Int64 = 30_000,
                jitterRMSPicoseconds: Double = 30, afterpulseProbability: Double = 0,
                afterpulseDelayPicoseconds: Int64 = 100_000, clickPulseWidthPicoseconds: Int64 = 10_000,
                mode: DetectorMode = .freeRunning) {
        self.efficiency = efficiency
        self.darkCountRatePerSecond = darkCountRatePerSecond
        self.deadTimePicoseconds = deadTimePicoseconds
        self.jitterRMSPicoseconds = jitterRMSPicoseconds
        self.afterpulseProbability = afterpulseProbability
        self.afterpulseDelayPicoseconds = afterpulseDelayPicoseconds
        self.clickPulseWidthPicoseconds = clickPulseWidthPicoseconds
        self.mode = mode
    }

    /// Every problem with these values, keys relative to the detector's section.
    public func validate() -> [ParameterProblem] {
        var problems: [ParameterProblem?] = [
            ParameterCheck.probability(efficiency, field: "efficiency"),
            ParameterCheck.nonNegative(darkCountRatePerSecond, field: "dark-count-rate-per-s", unit: "per second",
                                       atMost: 1_000_000_000),
            ParameterCheck.nonNegative(jitterRMSPicoseconds, field: "jitter-rms-ps", unit: "ps", atMost: 1_000_000),
            ParameterCheck.probability(afterpulseProbability, field: "afterpulse-probability"),
            ParameterCheck.picoseconds(deadTimePicoseconds, in: 0...ParameterCheck.longestPicoseconds,
                                       field: "dead-time-ps", what: "a dead time"),
            ParameterCheck.picoseconds(clickPulseWidthPicoseconds, in: 1...ParameterCheck.longestPicoseconds,
                                       field: "click-pulse-width-ps", what: "a pulse width"),
            ParameterCheck.picoseconds(afterpulseDelayPicoseconds, in: 0...ParameterCheck.longestPicoseconds,
                                       field: "afterpulse-delay-ps", what: "a delay"),
        ]
        if afterpulseProbability > 0, (0...ParameterCheck.longestPicoseconds).contains(afterpulseDelayPicoseconds),
           afterpulseDelayPicoseconds < Swift.max(deadTimePicoseconds, 1) {
            problems.append(ParameterProblem(
                field: "afterpulse-delay-ps", found: "\(afterpulseDelayPicoseconds)",
                expected: "a delay ≥ the dead time (\(deadTimePicoseconds) ps) and > 0, or the afterpulse is never seen"))
        }
        return problems.compactMap { $0 }
    }
}
