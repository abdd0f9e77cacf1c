public import SeededRandom

/// The foundation's stand-in for the quantum dot: each laser pulse yields, independently per
/// channel, a photon at that channel's detector with a set probability and delay.
///
/// No physics: it exists so the firmware, the board and the waveforms can be tested before the
/// physics model (`Physics`) replaces it.
public final class StandInSource: SimulatedDevice, LaserPulseListener {
    /// One detector fed by the source.
    public struct Channel: Sendable {
        /// Index of the detector in `detectors`.
        public var detector: Int
        /// Probability of a photon at that detector per laser pulse.
        public var probability: Double
        /// From the laser pulse to the photon's arrival, in picoseconds.
        public var delayPicoseconds: Int64

        /// A channel.
        public init(detector: Int, probability: Double, delayPicoseconds: Int64) {
            self.detector = detector
            self.probability = probability
            self.delayPicoseconds = delayPicoseconds
        }
    }

    /// The detectors photons go to.
    public let detectors: [DetectorModel]
    /// The channels, in draw order.
    public let channels: [Channel]
    /// Photons emitted so far (before the detectors' gating).
    public private(set) var photonsEmitted = 0
    private var random: Xoshiro256StarStar
    private var id: DeviceID?

    /// A source feeding `detectors` through `channels`, drawing from `random`.
    public init(detectors: [DetectorModel], channels: [Channel], random: Xoshiro256StarStar) {
        self.detectors = detectors
        self.channels = channels
        self.random = random
    }

    /// Attaches the source to the board (it needs timers for photon arrival).
    @discardableResult
    public func attach(to board: SimulatedBoard) -> DeviceID {
        let id = board.attach(self)
        self.id = id
        return id
    }

    public func laserPulse(atPicoseconds picoseconds: Int64, on board: SimulatedBoard) {
        guard let id else { return }
        for (index, channel) in channels.enumerated() where random.nextBernoulli(probability: channel.probability) {
            photonsEmitted += 1
            let arrival = board.cycle(atOrAfterPicoseconds: picoseconds + channel.delayPicoseconds)
            board.scheduleTimer(id, tag: Int64(index), atCycle: arrival)
        }
    }

    public func timerFired(tag: Int64, atCycle cycle: Int64, on board: SimulatedBoard) {
        detectors[channels[Int(tag)].detector].register(photonAtCycle: cycle, on: board)
    }
}
