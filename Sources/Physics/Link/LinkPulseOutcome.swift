public import Vocabulary

/// One node's photon of a pulse, as that node sees it: when it reached the detector inputs on
/// the node's clock, in which of the node's cycles, and which beam-splitter output it took.
public struct LinkPhoton: Hashable, Sendable {
    /// Arrival at the node's detector inputs, in picoseconds of the node's own clock.
    public var localArrivalPicoseconds: Int64
    /// The node's cycle whose period contains the arrival (its analyzer setting applied).
    public var cycle: Int64
    /// Whether the arrival falls inside that cycle's gate (always true for free-running detectors).
    public var isInsideGate: Bool
    /// The analyzer setting the photon met.
    public var analyzer: AnalyzerBasis
    /// The polarizing beam splitter's output it took.
    public var output: DetectorOutput

    /// A photon with these values.
    public init(localArrivalPicoseconds: Int64, cycle: Int64, isInsideGate: Bool, analyzer: AnalyzerBasis,
                output: DetectorOutput) {
        self.localArrivalPicoseconds = localArrivalPicoseconds
        self.cycle = cycle
        self.isInsideGate = isInsideGate
        self.analyzer = analyzer
        self.output = output
    }

    /// The photon at `node`'s detector input, in the form the station's detector models
    /// (``SinglePhotonDetector``, the simulated board) take: channel of the node's arm and output,
    /// local time.
    public func arrival(at node: LinkNode) -> PhotonArrival {
        PhotonArrival(channel: DetectorChannel(arm: node.arm, output: output), timePicoseconds: localArrivalPicoseconds)
    }
}

/// What pulse k (Alice's cycle k) delivers to the two nodes: each node's photon of the pair, if it
/// reached its detector inputs, a second photon per node when the dot re-excited, and the truth
/// only the world knows.
public struct LinkPulseOutcome: Hashable, Sendable {
    /// Alice's cycle, which fired the pulse.
    public var aliceCycle: Int64
    /// Alice's photon (XX), or nil when the dot was not excited or the photon was lost.
    public var alice: LinkPhoton?
    /// Bob's photon (X, or Eve's resent photon), or nil when none reached his detector inputs.
    public var bob: LinkPhoton?
    /// Alice's second photon when the dot re-excited (probability p₂: an unpolarized photon of an
    /// independent cascade, as in ``EntangledPairSource``), or nil.
    public var aliceReexcitation: LinkPhoton? = nil
    /// Bob's second photon when the dot re-excited, or nil.
    public var bobReexcitation: LinkPhoton? = nil
    /// Whether Eve intercepted Bob's photon. Truth for tests: no node may use it.
    public var wasIntercepted: Bool
    /// Bob's arrival in true time, whether or not the photon survived (nil when not excited).
    /// Truth for tests and alignment checks: no node may use it.
    public var trueBobArrivalPicoseconds: Int64?

    /// An outcome with these values.
    public init(aliceCycle: Int64, alice: LinkPhoton?, bob: LinkPhoton?, wasIntercepted: Bool,
                trueBobArrivalPicoseconds: Int64?) {
        self.aliceCycle = aliceCycle
        self.alice = alice
        self.bob = bob
        self.wasIntercepted = wasIntercepted
        self.trueBobArrivalPicoseconds = trueBobArrivalPicoseconds
    }

    /// The pair's photon of `node`.
    public func photon(of node: LinkNode) -> LinkPhoton? { node == .alice ? alice : bob }

    /// The re-excitation photon of `node`.
    public func reexcitationPhoton(of node: LinkNode) -> LinkPhoton? { node == .alice ? aliceReexcitation : bobReexcitation }
}
