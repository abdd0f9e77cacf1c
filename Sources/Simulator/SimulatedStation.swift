/// Which simulated lines play which part in the optical station, for wiring device models.
public struct StationWiring: Sendable {
    /// Laser trigger output.
    public var trigger: LineID
    /// Gate outputs: one shared, or one per detector (A+, A−, B+, B−).
    public var gates: [LineID]
    /// Click inputs, A+, A−, B+, B−.
    public var clicks: [LineID]
    /// Interlock input.
    public var interlock: LineID

    /// A wiring.
    public init(trigger: LineID, gates: [LineID], clicks: [LineID], interlock: LineID) {
        self.trigger = trigger
        self.gates = gates
        self.clicks = clicks
        self.interlock = interlock
    }

    /// The gate line of detector `channel` (0 A+, 1 A−, 2 B+, 3 B−).
    public func gate(forChannel channel: Int) -> LineID? {
        gates.isEmpty ? nil : gates.count == 1 ? gates[0] : gates[channel]
    }
}

/// The foundation's simulated optical station: a laser on the trigger, the stand-in source, four
/// detectors on the click lines and the interlock switch.
public final class StandInStation {
    /// The laser.
    public let laser: LaserModel
    /// The stand-in source.
    public let source: StandInSource
    /// Detectors A+, A−, B+, B−.
    public let detectors: [DetectorModel]
    /// The interlock switch.
    public let interlock: InterlockSwitch

    /// Settings of the stand-in station.
    public struct Settings: Sendable {
        /// From trigger edge to laser pulse, in picoseconds.
        public var laserDelayPicoseconds: Int64 = 100_000
        /// Probability of a photon at each detector per pulse (A+, A−, B+, B−).
        public var clickProbabilities: [Double] = [0.1, 0.1, 0.1, 0.1]
        /// From the laser pulse to each detector's photon, in picoseconds.
        public var photonDelaysPicoseconds: [Int64] = [200_000, 200_000, 200_000, 200_000]
        /// Gated or free-running detectors.
        public var gating: DetectorGating = .gated
        /// Width of each click pulse on its line, in nanoseconds.
        public var clickPulseWidthNanoseconds: Int64 = 10

        /// Default settings: 10 % per detector, photons 300 ns after the trigger, gated.
        public init() {}
    }

    /// Builds the station's devices on `board` along `wiring`.
    public init(board: SimulatedBoard, wiring: StationWiring, settings: Settings = Settings()) {
        let widthCycles = (settings.clickPulseWidthNanoseconds * 1_000 + board.cyclePeriodPicoseconds - 1)
            / board.cyclePeriodPicoseconds
        detectors = (0..<4).map { channel in
            DetectorModel(clickLine: wiring.clicks[channel], gateLine: wiring.gate(forChannel: channel),
                          gating: settings.gating, clickPulseWidthCycles: widthCycles)
        }
        for detector in detectors { detector.attach(to: board) }
        let channels = (0..<4).map {
            StandInSource.Channel(detector: $0, probability: settings.clickProbabilities[$0],
                                  delayPicoseconds: settings.photonDelaysPicoseconds[$0])
        }
        source = StandInSource(detectors: detectors, channels: channels, random: board.makeRandomStream())
        source.attach(to: board)
        laser = LaserModel(triggerToPulseDelayPicoseconds: settings.laserDelayPicoseconds, listener: source)
        laser.attach(to: board, trigger: wiring.trigger)
        interlock = InterlockSwitch(line: wiring.interlock, on: board)
    }
}
