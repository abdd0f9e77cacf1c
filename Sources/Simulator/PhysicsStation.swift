import Vocabulary
public import Physics
import SeededRandom

/// The simulated optical station with the physics model (DESIGN.md section 5): the laser on the
/// trigger line (delay and jitter), the two analyzers on their basis-select lines, the quantum
/// dot, four detectors on the gate and click lines, and the interlock switch.
///
/// Every random draw comes from a stream of the board's seed, one per device, asked for in a
/// fixed order (laser, source, detectors A+, A−, B+, B−), so a seed reproduces a run bit for bit.
public final class PhysicsStation {
    /// The station data the devices were built from.
    public let parameters: StationParameters
    /// The laser.
    public let laser: LaserModel
    /// Arm A's analyzer.
    public let analyzerA: PolarizationAnalyzer
    /// Arm B's analyzer.
    public let analyzerB: PolarizationAnalyzer
    /// The quantum dot and the optics.
    public let source: QuantumDotSource
    /// Detectors A+, A−, B+, B−.
    public let detectors: [PhotonDetectorModel]
    /// The interlock switch.
    public let interlock: InterlockSwitch

    /// Builds the station's devices on `board` along `wiring`, with `basisLinesA`/`basisLinesB`
    /// (bit 0 first) as the analyzers' basis-select lines.
    ///
    /// - Throws: every problem with `parameters`, and an analyzer table whose line count is not
    ///   the number of basis-select lines the board gives that arm (field `analyzer.x.lines`).
    public init(board: SimulatedBoard, wiring: StationWiring, basisLinesA: [LineID], basisLinesB: [LineID],
                parameters: StationParameters) throws(StationDataError) {
        var problems = parameters.validate()
        for (arm, table, lines) in [("a", parameters.analyzerA, basisLinesA), ("b", parameters.analyzerB, basisLinesB)]
        where table.basisSelectLineCount != lines.count {
            problems.append(ParameterProblem(
                field: "analyzer.\(arm).lines", found: "\(table.basisSelectLineCount)",
                expected: "\(lines.count), the number of basis-select lines the board gives arm \(arm.uppercased())"))
        }
        if wiring.clicks.count != 4 {
            problems.append(ParameterProblem(field: "detector", found: "\(wiring.clicks.count) click lines",
                                             expected: "four click lines: A+, A−, B+, B−"))
        }
        try StationDataError.check(problems)
        self.parameters = parameters
        let period = board.cyclePeriodPicoseconds
        // Random streams go in a fixed order (laser, source, detectors); the laser is built last,
        // once the source it excites exists.
        let laserRandom = Self.physicsRandom(from: board)
        analyzerA = PolarizationAnalyzer(arm: "a", basisSelectLines: basisLinesA, table: parameters.analyzerA)
        analyzerB = PolarizationAnalyzer(arm: "b", basisSelectLines: basisLinesB, table: parameters.analyzerB)
        analyzerA.attach(to: board)
        analyzerB.attach(to: board)
        let pairSource = try EntangledPairSource(source: parameters.source, armA: parameters.armA, armB: parameters.armB)
        let sourceRandom = Self.physicsRandom(from: board)
        // One timeline per gate line, shared by the gated detectors on it.
        var gates: [(line: LineID, timeline: GateTimeline)] = []
        for channel in DetectorChannel.allCases where parameters.detector(channel).mode == .gated {
            if let line = wiring.gate(forChannel: channel.rawValue), !gates.contains(where: { $0.line == line }) {
                gates.append((line, GateTimeline(open: board.value(of: line) == 1,
                                                 atPicoseconds: board.currentCycle * period)))
            }
        }
        var detectors: [PhotonDetectorModel] = []
        for channel in DetectorChannel.allCases {
            let gateLine = wiring.gate(forChannel: channel.rawValue)
            let detector = try PhotonDetectorModel(
                channel: channel, clickLine: wiring.clicks[channel.rawValue], gateLine: gateLine,
                parameters: parameters.detector(channel), cyclePeriodPicoseconds: period,
                random: Self.physicsRandom(from: board), sharedGate: gates.first { $0.line == gateLine }?.timeline)
            detector.attach(to: board)
            detectors.append(detector)
        }
        self.detectors = detectors
        // One watcher per gate line for the detectors on its timeline, calling them in channel order.
        for gate in gates {
            board.attach(DetectorGateFanOut(gate: gate.timeline, detectors: detectors.filter { $0.gate === gate.timeline }),
                         watching: [gate.line])
        }
        source = QuantumDotSource(source: pairSource, analyzerA: analyzerA, analyzerB: analyzerB,
                                  detectors: detectors, random: sourceRandom)
        laser = LaserModel(triggerToPulseDelayPicoseconds: parameters.laser.triggerToPulseDelayPicoseconds,
                           timingJitterRMSPicoseconds: parameters.laser.timingJitterRMSPicoseconds,
                           random: laserRandom, listener: source)
        laser.attach(to: board, trigger: wiring.trigger)
        interlock = InterlockSwitch(line: wiring.interlock, on: board)
    }

    /// Wires an external time tagger: its sync input to `trigger`, its inputs to the four
    /// detectors' outputs. It draws nothing, so the run is the same with it or without it.
    public func attach(_ tagger: SimulatedTimeTagger, trigger: LineID, on board: SimulatedBoard) {
        tagger.attach(to: board, trigger: trigger)
        for detector in detectors { detector.tagger = tagger }
    }

    /// A physics generator seeded from the board's next device stream.
    private static func physicsRandom(from board: SimulatedBoard) -> Xoshiro256StarStar {
        var stream = board.makeRandomStream()
        return Xoshiro256StarStar(seed: stream.next())
    }
}
