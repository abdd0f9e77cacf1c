public import Physics
public import SeededRandom

/// The quantum dot and the two arms' optics on the simulated board: each laser pulse runs
/// ``EntangledPairSource/emit(pulseAtPicoseconds:analyzerA:analyzerB:rng:into:)`` (through a
/// ``PairSourceEmitter``) with the analyzers' present settings, and hands every photon that reaches a detector input to that
/// detector at its arrival time.
///
/// Nothing allocates per pulse: the photons go through one reused ``PulsePhotons``.
public final class QuantumDotSource: LaserPulseListener {
    /// The dot and the arms.
    public var source: EntangledPairSource { emitter.source }
    /// The same, emitting without a copy of the source per pulse.
    private let emitter: PairSourceEmitter
    /// Arm A's analyzer (XX photon).
    public let analyzerA: PolarizationAnalyzer
    /// Arm B's analyzer (X photon).
    public let analyzerB: PolarizationAnalyzer
    /// The detectors, A+, A−, B+, B−.
    public let detectors: [PhotonDetectorModel]
    /// The same detectors unretained, for the photon loop: a detector read out of `detectors`
    /// was retained and released around every photon handed to it. `detectors` keeps them alive.
    private let detectorsUnretained: [Unmanaged<PhotonDetectorModel>]
    /// Laser pulses that reached the dot.
    public private(set) var pulses = 0
    /// Photons delivered to detector inputs.
    public private(set) var photonsDelivered = 0
    /// Pulses that found an analyzer on a basis code its table does not know; they deliver no
    /// photons (see ``PolarizationAnalyzer/unknownCodeProblem``).
    public private(set) var pulsesWithAnalyzerUnset = 0

    private var random: Xoshiro256StarStar
    private var photons = PulsePhotons()

    /// A source feeding `detectors` (A+, A−, B+, B−) through the two analyzers, drawing from `random`.
    public init(source: EntangledPairSource, analyzerA: PolarizationAnalyzer, analyzerB: PolarizationAnalyzer,
                detectors: [PhotonDetectorModel], random: Xoshiro256StarStar) {
        emitter = PairSourceEmitter(source)
        self.analyzerA = analyzerA
        self.analyzerB = analyzerB
        self.detectors = detectors
        self.detectorsUnretained = detectors.map { .passUnretained($0) }
        self.random = random
    }

    public func laserPulse(atPicoseconds picoseconds: Int64, on board: SimulatedBoard) {
        pulses += 1
        guard let settingA = analyzerA.settingForPulse(), let settingB = analyzerB.settingForPulse() else {
            pulsesWithAnalyzerUnset += 1
            return
        }
        emitter.emit(pulseAtPicoseconds: picoseconds, analyzerA: settingA, analyzerB: settingB, rng: &random,
                    into: &photons)
        photonsDelivered += photons.count
        for index in 0..<photons.count {
            let photon = photons[index]
            detectorsUnretained[photon.channel.rawValue]._withUnsafeGuaranteedRef {
                $0.photonArrives(atPicoseconds: photon.timePicoseconds, on: board)
            }
        }
    }
}
