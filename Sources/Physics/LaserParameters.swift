/// The pulsed laser as the simulated board sees it: when its optical pulse reaches the dot after
/// a rising edge of the trigger line.
///
/// The default delay of 100 ns stands for the trigger-to-light latency of a pulse picker or a
/// gain-switched diode driver and its cables (tens to a hundred ns); the default jitter of 10 ps
/// RMS is of the order such drivers specify for their electrical trigger (a few ps to a few tens
/// of ps), well below the detectors' 20–50 ps.
public struct LaserParameters: Hashable, Sendable {
    /// From the trigger line's rising edge to the optical pulse at the dot, in picoseconds.
    /// Key `trigger-to-pulse-delay-ps`.
    public var triggerToPulseDelayPicoseconds: Int64
    /// RMS of the Gaussian trigger-to-pulse timing jitter, in picoseconds. Key `timing-jitter-rms-ps`.
    public var timingJitterRMSPicoseconds: Double

    /// Laser parameters; defaults as in the type's summary.
    public init(triggerToPulseDelayPicoseconds: Int64 = 100_000, timingJitterRMSPicoseconds: Double = 10) {
        self.triggerToPulseDelayPicoseconds = triggerToPulseDelayPicoseconds
        self.timingJitterRMSPicoseconds = timingJitterRMSPicoseconds
    }

    /// Every problem with these values, keys relative to the laser's section.
    public func validate() -> [ParameterProblem] {
        var problems: [ParameterProblem] = []
        if let problem = ParameterCheck.picoseconds(triggerToPulseDelayPicoseconds, in: 0...ParameterCheck.longestPicoseconds,
                                                    field: "trigger-to-pulse-delay-ps", what: "a delay") {
            problems.append(problem)
        }
        if let problem = ParameterCheck.nonNegative(timingJitterRMSPicoseconds, field: "timing-jitter-rms-ps", unit: "ps",
                                                    atMost: 1_000_000) {
            problems.append(problem)
        }
        return problems
    }
}
