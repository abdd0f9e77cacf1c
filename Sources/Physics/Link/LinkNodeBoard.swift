import SeededRandom
public import Vocabulary

/// One gated detection at a node: the cycle (on the node's own clock), the analyzer basis it held
/// and the detector that clicked. A cycle in which both detectors clicked (a second photon, a dark
/// count) is kept as one detection with a random output, the usual squashing of double clicks
/// (Beaufort-Lütkenhaus et al., PRL 101, 093601 (2008)): it adds ½ error, never a choice for Eve.
public struct LinkDetection: Hashable, Sendable {
    /// The node's own cycle index.
    public var cycle: Int64
    /// The basis the node's analyzer held in that cycle.
    public var analyzer: AnalyzerBasis
    /// The output that clicked (after squashing).
    public var output: DetectorOutput
    /// Both detectors clicked in the gate.
    public var wasDoubleClick: Bool

    /// A detection.
    public init(cycle: Int64, analyzer: AnalyzerBasis, output: DetectorOutput, wasDoubleClick: Bool = false) {
        self.cycle = cycle
        self.analyzer = analyzer
        self.output = output
        self.wasDoubleClick = wasDoubleClick
    }
}

/// A node's simulated one-arm board in the link world: its analyzer (its own basis draws), its two
/// gated detectors (the arm efficiency is in the world; dark counts here), on its own clock.
///
/// ``detections(inCycles:)`` walks every pulse whose photons can land in the node's cycles and
/// keeps what lands inside a gate, adds each detector's dark counts (probability p_dark = rate ×
/// gate width per gate, drawn from the node's detector stream derived per cycle) and squashes
/// double clicks. Everything is a function of (world seed, basis seeds, detector seed, cycle), so
/// a block gives the same detections whichever blocks were asked before, in any process.
/// Dead time and afterpulsing are not modelled: at one gate per cycle of ≥ 1 µs (a GPIO board)
/// a 30 ns dead time never spans two gates.
public struct LinkNodeBoard: Sendable {
    /// The shared world.
    public let world: LinkWorld
    /// Which node this board is.
    public let node: LinkNode
    /// Both nodes' draws as nature sees them (the node's own, the other replayed).
    public let settings: LinkNodeSettings
    /// Probability that one detector dark-counts in one gate.
    public let darkCountProbabilityPerGate: Double
    let detectorStreams: Xoshiro256StarStar
    let darkThreshold: UInt64

    /// `node`'s board in `world`, with `settings`, dark counts at `darkCountRatePerSecond` per
    /// detector and its own detector `seed`. Throws unless the node is gated and the rate is ≥ 0
    /// and gives p_dark ≤ 0.5 per gate.
    public init(world: LinkWorld, node: LinkNode, settings: LinkNodeSettings,
                darkCountRatePerSecond: Double, detectorSeed: UInt64) throws(StationDataError) {
        let timing = node == .alice ? world.parameters.aliceCycles : world.parameters.bobCycles
        guard let gate = timing.gate else {
            throw StationDataError(problems: [ParameterProblem(field: "\(node.rawValue)-cycles.gate", found: "none (free-running)",
                                                               expected: "a gate: the node board counts per gated cycle")])
        }
        let probability = darkCountRatePerSecond * Double(gate.closePicoseconds - gate.openPicoseconds) * 1e-12
        guard darkCountRatePerSecond >= 0, probability <= 0.5 else {
            throw StationDataError(problems: [ParameterProblem(field: "\(node.rawValue)-detectors.dark-count-rate-per-second",
                                                               found: "\(darkCountRatePerSecond)", expected: "≥ 0, and ≤ 0.5 dark counts per gate")])
        }
        self.world = world
        self.node = node
        self.settings = settings
        darkCountProbabilityPerGate = probability
        darkThreshold = Xoshiro256StarStar.bernoulliThreshold(probability: probability)
        detectorStreams = Xoshiro256StarStar(seed: detectorSeed)
    }

    /// The node's gated detections in its cycles `cycles`, in cycle order, one per cycle at most.
    public func detections(inCycles cycles: Range<Int64>) -> [LinkDetection] {
        guard !cycles.isEmpty else { return [] }
        var settings = settings
        // What clicked in each cycle of the range: bit 0 = the + detector, bit 1 = the − detector.
        var clicks = [UInt8](repeating: 0, count: cycles.count)
        func land(_ photon: LinkPhoton?) {
            guard let photon, photon.isInsideGate, cycles.contains(photon.cycle) else { return }
            clicks[Int(photon.cycle - cycles.lowerBound)] |= photon.output == .plus ? 1 : 2
        }
        for aliceCycle in world.aliceCycles(reaching: node, cycles: cycles.lowerBound...(cycles.upperBound - 1)) {
            let pulse = world.pulse(aliceCycle: aliceCycle, settings: &settings)
            land(pulse.photon(of: node))
            land(pulse.reexcitationPhoton(of: node))
        }
        var detections: [LinkDetection] = []
        let draws = node == .alice ? settings.alice : settings.bob
        for cycle in cycles {
            var mask = clicks[Int(cycle - cycles.lowerBound)]
            var stream: Xoshiro256StarStar?
            if darkThreshold > 0 {
                var rng = detectorStreams.derived(stream: UInt64(bitPattern: cycle))
                if rng.nextBernoulli(threshold: darkThreshold) { mask |= 1 }
                if rng.nextBernoulli(threshold: darkThreshold) { mask |= 2 }
                stream = rng
            }
            guard mask != 0 else { continue }
            var output: DetectorOutput = mask == 1 ? .plus : .minus
            if mask == 3 {
                var rng = stream ?? detectorStreams.derived(stream: UInt64(bitPattern: cycle))
                output = rng.nextBernoulli(threshold: EntangledPairSource.halfThreshold) ? .plus : .minus
            }
            detections.append(LinkDetection(cycle: cycle, analyzer: draws.basis(inCycle: cycle), output: output,
                                            wasDoubleClick: mask == 3))
        }
        return detections
    }
}
