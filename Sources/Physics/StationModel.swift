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
    /// The four detectors, indexed by ``DetectorChannel/rawValue``.
    public private(set) var detectors: [SinglePhotonDetector]
    /// The photons of the last pulse, earliest first.
    public private(set) var lastPulsePhotons = PulsePhotons()

    var nextDarkCountPicoseconds: [Int64]
    /// The earliest dark count or pending afterpulse of any detector: a period before it with no
    /// photons leaves every detector as it was.
    var earliestBackgroundEventPicoseconds: Int64

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
        self.detectors = detectors
        nextDarkCountPicoseconds = nextDarkCounts
        earliestBackgroundEventPicoseconds = nextDarkCounts.min() ?? Picoseconds.never
    }

    /// Simulates one trigger period: the pulse at `pulseAtPicoseconds` with the analyzers at
    /// `analyzerA`/`analyzerB`, then every detector up to `periodEndPicoseconds` (or its last
    /// photon), with gated detectors open only inside `gate` (never, when `gate` is nil). The
    /// clicks go into `clicks` (cleared first), in time order.
    public mutating func simulatePeriod(pulseAtPicoseconds pulseTime: Int64, periodEndPicoseconds periodEnd: Int64,
                                        analyzerA: AnalyzerBasis, analyzerB: AnalyzerBasis, gate: GateWindow?,
                                        rng: inout Xoshiro256StarStar, into clicks: inout PulseClicks) {
        clicks.removeAll()
        // The inlined body, not `emit`, into a local: with a call, or with `self.lastPulsePhotons`
        // written while `self.source` is read, the whole source (160 bytes) is copied first.
        var photons = PulsePhotons()
        source.emitInline(pulseAtPicoseconds: pulseTime, analyzerA: analyzerA, analyzerB: analyzerB, rng: &rng,
                          into: &photons)
        lastPulsePhotons = photons
        var horizon = periodEnd
        if let lastPhoton = lastPulsePhotons.last { horizon = Swift.max(horizon, lastPhoton.timePicoseconds + 1) }
        // Indices, not `DetectorChannel.allCases`, which builds an array on every call.
        var channelsWithPhotons = 0
        for photon in lastPulsePhotons { channelsWithPhotons |= 1 << photon.channel.rawValue }
        // Most periods bring no detector anything at all: skip them all without touching their state.
        guard channelsWithPhotons != 0 || earliestBackgroundEventPicoseconds < horizon else { return }
        var earliestBackground = Picoseconds.never
        defer { earliestBackgroundEventPicoseconds = earliestBackground }
        for index in 0..<detectors.count {
            // Most periods bring a detector nothing at all: skip it without touching its state.
            guard let channel = DetectorChannel(rawValue: index),
                  channelsWithPhotons & (1 << index) != 0 || nextDarkCountPicoseconds[index] < horizon
                    || (detectors[index].pendingAfterpulsePicoseconds ?? Picoseconds.never) < horizon
            else {
                earliestBackground = Swift.min(earliestBackground, nextDarkCountPicoseconds[index],
                                               detectors[index].pendingAfterpulsePicoseconds ?? Picoseconds.never)
                continue
            }
            runDetector(channel, until: horizon, gate: gate, rng: &rng, into: &clicks)
            earliestBackground = Swift.min(earliestBackground, nextDarkCountPicoseconds[index],
                                           detectors[index].pendingAfterpulsePicoseconds ?? Picoseconds.never)
        }
        clicks.sortByTime()
    }

    /// Feeds one detector its photons, dark counts and afterpulses before `horizon`, in time order
    /// (on equal times: photon, then dark count, then afterpulse).
    mutating func runDetector(_ channel: DetectorChannel, until horizon: Int64, gate: GateWindow?,
                              rng: inout Xoshiro256StarStar, into clicks: inout PulseClicks) {
        let index = channel.rawValue
        var photonIndex = nextPhoton(on: channel, from: 0)
        while true {
            let photonTime = photonIndex < lastPulsePhotons.count
                ? lastPulsePhotons[photonIndex].timePicoseconds : Picoseconds.never
            let darkTime = nextDarkCountPicoseconds[index]
            let afterpulseTime = detectors[index].pendingAfterpulsePicoseconds ?? Picoseconds.never
            let eventTime = Swift.min(photonTime, darkTime, afterpulseTime)
            guard eventTime < horizon else { return }
            let gateOpen = gate?.isOpen(atPicoseconds: eventTime) ?? false
            let clickTime: Int64?
            let cause: DetectorClick.Cause
            if photonTime == eventTime {
                cause = .photon
                clickTime = detectors[index].photonArrives(atPicoseconds: eventTime, gateOpen: gateOpen, rng: &rng)
                photonIndex = nextPhoton(on: channel, from: photonIndex + 1)
            } else if darkTime == eventTime {
                cause = .darkCount
                clickTime = detectors[index].darkCountOccurs(atPicoseconds: eventTime, gateOpen: gateOpen, rng: &rng)
                nextDarkCountPicoseconds[index] = eventTime + detectors[index].nextDarkCountDelayPicoseconds(rng: &rng)
            } else {
                cause = .afterpulse
                clickTime = detectors[index].afterpulseFires(gateOpen: gateOpen, rng: &rng)
            }
            if let clickTime { clicks.append(DetectorClick(channel: channel, timePicoseconds: clickTime, cause: cause)) }
        }
    }

    /// The index of the first photon of the last pulse at or after `start` that hit `channel`.
    func nextPhoton(on channel: DetectorChannel, from start: Int) -> Int {
        var index = start
        while index < lastPulsePhotons.count && lastPulsePhotons[index].channel != channel { index += 1 }
        return index
    }
}
