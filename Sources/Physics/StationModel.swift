public import Vocabulary
public import SeededRandom

/// Source, optics and four detectors together, simulated one trigger period at a time.
///
/// This is the whole physics of a station for tests and benchmarks, and a reference for the
/// simulated board, whose device models drive ``EntangledPairSource`` and
/// ``SinglePhotonDetector`` from their own event scheduler. Each period runs from the pulse to
/// `periodEndPicoseconds` (or to the last photon's arrival, if later); dark counts continue
/// across periods; every detector sees its own events in time order. Nothing allocates per
/// period.
public struct StationModel: Sendable {
    /// The dot and the two arms.
    public let source: EntangledPairSource
    /// The four detectors, indexed by ``DetectorChannel/rawValue`` (a copy of their state now).
    public var detectors: [SinglePhotonDetector] { (0..<detectorStates.count).map { detectorStates[$0] } }
    /// The photons of the last pulse, earliest first.
    @inlinable public var lastPulsePhotons: PulsePhotons { heldPhotons }
    /// The storage of ``lastPulsePhotons``, which the inlinable
    /// ``simulatePeriod(pulseAtPicoseconds:periodEndPicoseconds:analyzerA:analyzerB:gate:rng:into:)``
    /// clears (a `private(set)` setter cannot be reached from inlinable code).
    @usableFromInline var heldPhotons = PulsePhotons()

    /// The detectors in fixed inline storage: an array would be checked for uniqueness (and
    /// bounds) on every write, several times per pulse.
    var detectorStates: InlineArray<4, SinglePhotonDetector>
    var nextDarkCountPicoseconds: InlineArray<4, Int64>
    /// Whether any detector afterpulses: only then can a photon's click leave a background event
    /// behind (see ``simulatePhotonsOnly(until:gate:rng:into:)``).
    let anyDetectorAfterpulses: Bool
    /// The earliest dark count or pending afterpulse of any detector: a period before it with no
    /// photons leaves every detector as it was.
    @usableFromInline var earliestBackgroundEventPicoseconds: Int64

    /// A station with `parameters` whose dark-count processes start at `startPicoseconds`, or
    /// every problem with the parameters.
    public init(parameters: StationParameters, startPicoseconds: Int64 = 0,
                rng: inout Xoshiro256StarStar) throws(StationDataError) {
        try StationDataError.check(parameters.validate())
        source = try EntangledPairSource(source: parameters.source, armA: parameters.armA, armB: parameters.armB)
        var detectors: [SinglePhotonDetector] = []
        var nextDarkCounts: [Int64] = []
        for channel in DetectorChannel.allCases {
            let detector = try SinglePhotonDetector(parameters: parameters.detector(channel))
            nextDarkCounts.append(startPicoseconds + detector.nextDarkCountDelayPicoseconds(rng: &rng))
            detectors.append(detector)
        }
        detectorStates = InlineArray { detectors[$0] }
        nextDarkCountPicoseconds = InlineArray { nextDarkCounts[$0] }
        anyDetectorAfterpulses = detectors.contains { $0.afterpulseThreshold > 0 }
        earliestBackgroundEventPicoseconds = nextDarkCounts.min() ?? Picoseconds.never
    }

    /// Simulates one trigger period: the pulse at `pulseAtPicoseconds` with the analyzers at
    /// `analyzerA`/`analyzerB`, then every detector up to `periodEndPicoseconds` (or its last
    /// photon), with gated detectors open only inside `gate` (never, when `gate` is nil). The
    /// clicks go into `clicks` (cleared first), in time order.
    ///
    /// Two pulses in three send no photon into an arm (``EntangledPairSource``: one draw says so)
    /// and, dark counts being rare, leave every detector as it was. This function is that case
    /// alone — the draw, one comparison, two counts cleared — and inlinable, so that such a pulse
    /// costs no call; the rest is out of line, in
    /// ``simulatePeriodWithPhotons(pulseAtPicoseconds:periodEndPicoseconds:analyzerA:analyzerB:gate:rng:into:)``
    /// and ``simulatePeriodWithoutPhotons(periodEndPicoseconds:gate:rng:into:)``. With the photons'
    /// part inlined here, every pulse paid its setup: registers saved, the source's fields
    /// loaded, the photon buffer cleared, the stack guarded (about 80 instructions, plus the
    /// call's 20, of an average pulse's 284).
    @inlinable
    public mutating func simulatePeriod(pulseAtPicoseconds pulseTime: Int64, periodEndPicoseconds periodEnd: Int64,
                                        analyzerA: AnalyzerBasis, analyzerB: AnalyzerBasis, gate: GateWindow?,
                                        rng: inout Xoshiro256StarStar, into clicks: inout PulseClicks) {
        if source.armPhotonSampler.sendsPhotonIntoAnArm(rng: &rng) {
            simulatePeriodWithPhotons(pulseAtPicoseconds: pulseTime, periodEndPicoseconds: periodEnd,
                                      analyzerA: analyzerA, analyzerB: analyzerB, gate: gate, rng: &rng, into: &clicks)
        } else if earliestBackgroundEventPicoseconds < periodEnd {
            simulatePeriodWithoutPhotons(periodEndPicoseconds: periodEnd, gate: gate, rng: &rng, into: &clicks)
        } else {
            // No photons and no background event before the period's end: nothing happens.
            clicks.removeAll()
            heldPhotons.removeAll()
        }
    }

    /// The rest of ``simulatePeriod(pulseAtPicoseconds:periodEndPicoseconds:analyzerA:analyzerB:gate:rng:into:)``
    /// when its draw said no photon reaches an arm and a dark count or afterpulse falls before
    /// `periodEnd`: the detectors up to `periodEnd`.
    @usableFromInline @inline(never)
    mutating func simulatePeriodWithoutPhotons(periodEndPicoseconds periodEnd: Int64, gate: GateWindow?,
                                               rng: inout Xoshiro256StarStar, into clicks: inout PulseClicks) {
        clicks.removeAll()
        heldPhotons.removeAll()
        simulateEveryEvent(until: periodEnd, gate: gate, rng: &rng, into: &clicks)
        clicks.sortByTime()
    }

    /// The rest of ``simulatePeriod(pulseAtPicoseconds:periodEndPicoseconds:analyzerA:analyzerB:gate:rng:into:)``
    /// once its draw said a photon reaches an arm: the photons
    /// (``EntangledPairSource/emitGivenPhotonIntoAnArm(pulseAtPicoseconds:analyzerA:analyzerB:rng:into:)``),
    /// then the detectors up to `periodEnd` or the last photon. Never inlined: see there.
    @usableFromInline @inline(never)
    mutating func simulatePeriodWithPhotons(pulseAtPicoseconds pulseTime: Int64, periodEndPicoseconds periodEnd: Int64,
                                            analyzerA: AnalyzerBasis, analyzerB: AnalyzerBasis, gate: GateWindow?,
                                            rng: inout Xoshiro256StarStar, into clicks: inout PulseClicks) {
        clicks.removeAll()
        // The inlined body, not `emitGivenPhotonIntoAnArm`, into a local: with a call, or with
        // `self.heldPhotons` written while `self.source` is read, the whole source (160
        // bytes) is copied first.
        var photons = PulsePhotons()
        source.emitGivenPhotonIntoAnArmInline(pulseAtPicoseconds: pulseTime, analyzerA: analyzerA, analyzerB: analyzerB,
                                              rng: &rng, into: &photons)
        heldPhotons.copyPhotons(of: photons)
        let photonCount = heldPhotons.count
        var horizon = periodEnd
        if photonCount > 0 {
            horizon = Swift.max(horizon, heldPhotons[photonCount - 1].timePicoseconds + 1)
        }
        if earliestBackgroundEventPicoseconds >= horizon {
            // Most periods bring no detector anything at all: skip them all without touching their state.
            guard photonCount > 0 else { return }
            simulatePhotonsOnly(until: horizon, gate: gate, rng: &rng, into: &clicks)
        } else {
            simulateEveryEvent(until: horizon, gate: gate, rng: &rng, into: &clicks)
        }
        clicks.sortByTime()
    }

    /// The detectors' part of a period with photons and no dark count or afterpulse pending
    /// before `horizon`: each detector with photons takes them in time order, detectors in channel
    /// order — the draws and clicks of ``simulateEveryEvent(until:gate:rng:into:)``, without
    /// looking at the detectors that get nothing. A click whose afterpulse falls before `horizon`
    /// hands the rest of its detector's period to ``runDetector(_:fromPhoton:until:gate:rng:into:)``.
    ///
    /// The photons, in time order, are nearly always in channel order too (arm A's photon leaves
    /// first and A's channels come first): then they are taken as they come, with no scan of the
    /// channels, whose every test would be a coin toss for the branch predictor.
    @inline(__always)
    mutating func simulatePhotonsOnly(until horizon: Int64, gate: GateWindow?, rng: inout Xoshiro256StarStar,
                                      into clicks: inout PulseClicks) {
        let photonCount = heldPhotons.count
        var inChannelOrder = true
        for index in 1..<Swift.max(photonCount, 1) {
            inChannelOrder = inChannelOrder
                && heldPhotons[index - 1].channel.rawValue <= heldPhotons[index].channel.rawValue
        }
        if inChannelOrder {
            var photonIndex = 0
            while photonIndex < photonCount {
                let channel = heldPhotons[photonIndex].channel
                photonIndex += 1
                guard detectPhoton(at: photonIndex - 1, until: horizon, gate: gate, rng: &rng, into: &clicks) else { continue }
                // An afterpulse before the horizon: the general loop takes the rest of this channel.
                runDetector(channel, fromPhoton: photonIndex, until: horizon, gate: gate, rng: &rng, into: &clicks)
                while photonIndex < photonCount && heldPhotons[photonIndex].channel == channel { photonIndex += 1 }
            }
        } else {
            var channelsWithPhotons = 0
            for index in 0..<photonCount { channelsWithPhotons |= 1 << heldPhotons[index].channel.rawValue }
            // Indices, not `DetectorChannel.allCases`, which builds an array on every call.
            for index in 0..<4 {
                guard channelsWithPhotons & (1 << index) != 0, let channel = DetectorChannel(rawValue: index) else { continue }
                var photonIndex = 0
                while photonIndex < photonCount {
                    photonIndex += 1
                    guard heldPhotons[photonIndex - 1].channel == channel,
                          detectPhoton(at: photonIndex - 1, until: horizon, gate: gate, rng: &rng, into: &clicks)
                    else { continue }
                    runDetector(channel, fromPhoton: photonIndex, until: horizon, gate: gate, rng: &rng, into: &clicks)
                    break
                }
            }
        }
        // Clicks leave dark counts as they were; only an afterpulse can have become pending.
        if anyDetectorAfterpulses { earliestBackgroundEventPicoseconds = earliestBackgroundEvent() }
    }

    /// The last pulse's photon at `photonIndex` reaches its detector, whose click (if any) goes
    /// into `clicks`; true when that click left an afterpulse pending before `horizon`.
    @inline(__always)
    mutating func detectPhoton(at photonIndex: Int, until horizon: Int64, gate: GateWindow?,
                               rng: inout Xoshiro256StarStar, into clicks: inout PulseClicks) -> Bool {
        let photon = heldPhotons[photonIndex]
        let index = photon.channel.rawValue
        let gateOpen = gate?.isOpen(atPicoseconds: photon.timePicoseconds) ?? false
        guard let clickTime = detectorStates[index].photonArrives(atPicoseconds: photon.timePicoseconds,
                                                                  gateOpen: gateOpen, rng: &rng) else { return false }
        clicks.append(DetectorClick(channel: photon.channel, timePicoseconds: clickTime, cause: .photon))
        return anyDetectorAfterpulses
            && (detectorStates[index].pendingAfterpulsePicoseconds ?? Picoseconds.never) < horizon
    }

    /// The detectors' part of a period in general: photons, dark counts and afterpulses.
    mutating func simulateEveryEvent(until horizon: Int64, gate: GateWindow?, rng: inout Xoshiro256StarStar,
                                     into clicks: inout PulseClicks) {
        var channelsWithPhotons = 0
        for index in 0..<heldPhotons.count { channelsWithPhotons |= 1 << heldPhotons[index].channel.rawValue }
        for index in 0..<4 {
            // Most periods bring a detector nothing at all: skip it without touching its state.
            guard let channel = DetectorChannel(rawValue: index),
                  channelsWithPhotons & (1 << index) != 0 || nextDarkCountPicoseconds[index] < horizon
                    || (detectorStates[index].pendingAfterpulsePicoseconds ?? Picoseconds.never) < horizon
            else { continue }
            runDetector(channel, fromPhoton: 0, until: horizon, gate: gate, rng: &rng, into: &clicks)
        }
        earliestBackgroundEventPicoseconds = earliestBackgroundEvent()
    }

    /// The earliest dark count or pending afterpulse of any detector.
    func earliestBackgroundEvent() -> Int64 {
        var earliest = Picoseconds.never
        for index in 0..<detectorStates.count {
            earliest = Swift.min(earliest, nextDarkCountPicoseconds[index],
                                 detectorStates[index].pendingAfterpulsePicoseconds ?? Picoseconds.never)
        }
        return earliest
    }

    /// Feeds one detector its photons from index `start` of the last pulse's, dark counts and
    /// afterpulses before `horizon`, in time order (on equal times: photon, then dark count, then
    /// afterpulse).
    mutating func runDetector(_ channel: DetectorChannel, fromPhoton start: Int, until horizon: Int64,
                              gate: GateWindow?, rng: inout Xoshiro256StarStar, into clicks: inout PulseClicks) {
        let index = channel.rawValue
        var photonIndex = nextPhoton(on: channel, from: start)
        while true {
            let photonTime = photonIndex < heldPhotons.count
                ? heldPhotons[photonIndex].timePicoseconds : Picoseconds.never
            let darkTime = nextDarkCountPicoseconds[index]
            let afterpulseTime = detectorStates[index].pendingAfterpulsePicoseconds ?? Picoseconds.never
            let eventTime = Swift.min(photonTime, darkTime, afterpulseTime)
            guard eventTime < horizon else { return }
            let gateOpen = gate?.isOpen(atPicoseconds: eventTime) ?? false
            let clickTime: Int64?
            let cause: DetectorClick.Cause
            if photonTime == eventTime {
                cause = .photon
                clickTime = detectorStates[index].photonArrives(atPicoseconds: eventTime, gateOpen: gateOpen, rng: &rng)
                photonIndex = nextPhoton(on: channel, from: photonIndex + 1)
            } else if darkTime == eventTime {
                cause = .darkCount
                clickTime = detectorStates[index].darkCountOccurs(atPicoseconds: eventTime, gateOpen: gateOpen, rng: &rng)
                nextDarkCountPicoseconds[index] = eventTime + detectorStates[index].nextDarkCountDelayPicoseconds(rng: &rng)
            } else {
                cause = .afterpulse
                clickTime = detectorStates[index].afterpulseFires(gateOpen: gateOpen, rng: &rng)
            }
            if let clickTime { clicks.append(DetectorClick(channel: channel, timePicoseconds: clickTime, cause: cause)) }
        }
    }

    /// The index of the first photon of the last pulse at or after `start` that hit `channel`.
    func nextPhoton(on channel: DetectorChannel, from start: Int) -> Int {
        var index = start
        while index < heldPhotons.count && heldPhotons[index].channel != channel { index += 1 }
        return index
    }
}
