public import SeededRandom

/// One single-photon detector as a state machine that the simulator drives in time order.
///
/// - A photon at a live detector clicks with probability η_det; a gated detector with its gate
///   closed never clicks.
/// - Dead time is non-paralyzable: for `deadTimePicoseconds` after a click (counted from the
///   detection, before jitter) nothing registers, and what arrives then does not extend it.
///   A Poisson input of rate n is then counted at m = n/(1 + n·τ_dead) (Müller, Nucl. Instrum.
///   Methods 112, 47 (1973); Knoll, Radiation Detection and Measurement, 4th ed., Eq. 4.2).
/// - Dark counts are a Poisson process in time; being memoryless, the next one is drawn as an
///   exponential delay from now (``nextDarkCountDelayPicoseconds(rng:)``). In gated mode the
///   simulator offers each one with the gate's state, and those with the gate closed are
///   dropped: that thinning leaves exactly a Poisson process restricted to the open gate.
/// - After a click, with probability p_ap an afterpulse is pending at
///   click + `afterpulseDelayPicoseconds` (one pending at a time; a later click while one is
///   pending does not add another).
/// - The click time reported is the detection time plus Gaussian jitter (RMS `jitterRMSPicoseconds`).
public struct SinglePhotonDetector: Sendable {
    /// The detector's parameters.
    public let parameters: DetectorParameters
    /// When the last click was detected (before jitter), in picoseconds; dead time runs from here.
    public private(set) var lastDetectionPicoseconds: Int64 = -Picoseconds.never
    /// When the pending afterpulse fires, in picoseconds, or nil when none is pending.
    public private(set) var pendingAfterpulsePicoseconds: Int64?
    /// Clicks so far, of every cause.
    public private(set) var clickCount = 0

    let meanDarkCountIntervalPicoseconds: Double
    /// Bernoulli thresholds of η_det and p_ap (``Xoshiro256StarStar/bernoulliThreshold(probability:)``).
    let efficiencyThreshold: UInt64, afterpulseThreshold: UInt64

    /// A detector with these parameters, or every problem with them.
    public init(parameters: DetectorParameters) throws(StationDataError) {
        try StationDataError.check(parameters.validate())
        self.parameters = parameters
        meanDarkCountIntervalPicoseconds = parameters.darkCountRatePerSecond > 0
            ? 1e12 / parameters.darkCountRatePerSecond : .infinity
        efficiencyThreshold = Xoshiro256StarStar.bernoulliThreshold(probability: parameters.efficiency)
        afterpulseThreshold = Xoshiro256StarStar.bernoulliThreshold(probability: parameters.afterpulseProbability)
    }

    /// Whether the detector would register something at `timePicoseconds` with the gate in
    /// state `gateOpen`: out of dead time, and with its gate open unless free-running.
    @inlinable public func isLive(atPicoseconds timePicoseconds: Int64, gateOpen: Bool) -> Bool {
        (gateOpen || parameters.mode == .freeRunning)
            && timePicoseconds &- lastDetectionPicoseconds >= parameters.deadTimePicoseconds
    }

    /// A photon reaches the detector at `timePicoseconds`: the click time (with jitter), or nil
    /// when the detector is dead, gated off, or misses the photon.
    @inline(__always)
    public mutating func photonArrives(atPicoseconds timePicoseconds: Int64, gateOpen: Bool,
                                       rng: inout Xoshiro256StarStar) -> Int64? {
        guard isLive(atPicoseconds: timePicoseconds, gateOpen: gateOpen),
              rng.nextBernoulli(threshold: efficiencyThreshold) else { return nil }
        return click(atPicoseconds: timePicoseconds, rng: &rng)
    }

    /// The delay from now to the next dark count, in picoseconds: exponential with mean
    /// 1/rate; a very long delay (2⁶² ps, about 53 days) when the rate is zero.
    public func nextDarkCountDelayPicoseconds(rng: inout Xoshiro256StarStar) -> Int64 {
        guard meanDarkCountIntervalPicoseconds.isFinite else { return Picoseconds.never }
        return Picoseconds.rounded(rng.nextExponential(mean: meanDarkCountIntervalPicoseconds))
    }

    /// A dark count occurs at `timePicoseconds`: the click time (with jitter), or nil when the
    /// detector is dead or gated off.
    public mutating func darkCountOccurs(atPicoseconds timePicoseconds: Int64, gateOpen: Bool,
                                         rng: inout Xoshiro256StarStar) -> Int64? {
        guard isLive(atPicoseconds: timePicoseconds, gateOpen: gateOpen) else { return nil }
        return click(atPicoseconds: timePicoseconds, rng: &rng)
    }

    /// The pending afterpulse fires (call at ``pendingAfterpulsePicoseconds``): the click time
    /// (with jitter), or nil when none is pending or the detector is dead or gated off then.
    public mutating func afterpulseFires(gateOpen: Bool, rng: inout Xoshiro256StarStar) -> Int64? {
        guard let timePicoseconds = pendingAfterpulsePicoseconds else { return nil }
        pendingAfterpulsePicoseconds = nil
        guard isLive(atPicoseconds: timePicoseconds, gateOpen: gateOpen) else { return nil }
        return click(atPicoseconds: timePicoseconds, rng: &rng)
    }

    /// Registers a detection at `timePicoseconds`: starts the dead time, maybe arms an
    /// afterpulse, and returns the jittered click time.
    @inline(__always)
    mutating func click(atPicoseconds timePicoseconds: Int64, rng: inout Xoshiro256StarStar) -> Int64 {
        lastDetectionPicoseconds = timePicoseconds
        clickCount += 1
        if afterpulseThreshold > 0 && pendingAfterpulsePicoseconds == nil
            && rng.nextBernoulli(threshold: afterpulseThreshold) {
            pendingAfterpulsePicoseconds = timePicoseconds + parameters.afterpulseDelayPicoseconds
        }
        guard parameters.jitterRMSPicoseconds > 0 else { return timePicoseconds }
        return timePicoseconds + Picoseconds.rounded(parameters.jitterRMSPicoseconds * rng.nextStandardNormal())
    }
}
