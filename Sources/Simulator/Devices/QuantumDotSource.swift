public import Physics
public import SeededRandom

/// The quantum dot and the two arms' optics on the simulated board (physics stream v2,
/// ``PhysicsStream``): at each trigger edge of the laser, one draw
/// (``EntangledPairSource/sendsPhotonIntoAnArm(rng:)``) says whether the pulse sends any photon
/// into an arm — most do not, and cost nothing more. One that does reaches the dot through the
/// laser's timer and runs
/// ``EntangledPairSource/emitGivenPhotonIntoAnArm(pulseAtPicoseconds:analyzerA:analyzerB:rng:into:)``
/// (through a ``PairSourceEmitter``) with the analyzers' settings at that moment; every photon
/// that reaches a detector input goes to that detector at its arrival time.
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
    /// Photons delivered to detector inputs.
    public private(set) var photonsDelivered = 0
    /// Pulses sending a photon into an arm that found an analyzer on a basis code its table does
    /// not know; they deliver no photons (see ``PolarizationAnalyzer/unknownCodeProblem``). A pulse
    /// that sends no photon into an arm does not look at the analyzers (its decision is made at the
    /// trigger edge, before the pulse reaches them), so with the shipped station about one pulse
    /// in three under an unknown code is counted.
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

    /// Draws, once, whether the pulse sends any photon into an arm (the laser counts it).
    /// Inlined into the laser's trigger edge, which calls the dot directly (through its unretained
    /// reference to the dot, `LaserModel.quantumDot`).
    @inline(__always)
    public func pulseTriggered(on board: SimulatedBoard) -> Bool {
        emitter.sendsPhotonIntoAnArm(rng: &random)
    }

    /// Yes: most pulses send no photon into an arm.
    public var decidesPulsesAtTrigger: Bool { true }

    public func laserPulse(atPicoseconds picoseconds: Int64, on board: SimulatedBoard) {
        guard let settingA = analyzerA.settingForPulse(), let settingB = analyzerB.settingForPulse() else {
            pulsesWithAnalyzerUnset += 1
            return
        }
        emitter.emitGivenPhotonIntoAnArm(pulseAtPicoseconds: picoseconds, analyzerA: settingA, analyzerB: settingB,
                                         rng: &random, into: &photons)
        photonsDelivered += photons.count
        // The last photon is the last thing the pulse's event does: its timer may run at once.
        let last = photons.count - 1
        for index in 0..<photons.count {
            let photon = photons[index]
            detectorsUnretained[photon.channel.rawValue]._withUnsafeGuaranteedRef {
                if index < last {
                    $0.photonArrives(atPicoseconds: photon.timePicoseconds, on: board)
                } else {
                    $0.photonArrivesLast(atPicoseconds: photon.timePicoseconds, on: board)
                }
            }
        }
    }
}
