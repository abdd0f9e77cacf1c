/// Everything that fixes the two-node world: the source, each node's optics, the fibre to Bob,
/// both clocks and cycle timings, an eavesdropper, and the seed. Both nodes' processes build
/// the same ``LinkWorld`` from equal parameters and see one world.
///
/// Alice's arm is the XX photon's path from the dot to her detector inputs (collection, her
/// analyzer). Bob's arm is the X photon's path without the fibre (collection at the source, his
/// analyzer and coupling); the fibre's transmission multiplies its efficiency and the fibre's
/// delay adds to its delay.
public struct LinkWorldParameters: Hashable, Sendable {
    /// The quantum dot.
    public var source: SourceParameters
    /// The XX photon's path to Alice's detectors.
    public var aliceArm: ArmParameters
    /// The X photon's path to Bob's detectors, the fibre excluded.
    public var bobArm: ArmParameters
    /// The fibre from the source to Bob.
    public var fibre: FibreLink
    /// Alice's clock against true time.
    public var aliceClock: NodeClock
    /// Bob's clock against true time.
    public var bobClock: NodeClock
    /// Alice's cycles: her cycle k fires pulse k at its start.
    public var aliceCycles: NodeCycleTiming
    /// Bob's cycles: the one containing a photon's arrival holds the analyzer setting it meets.
    public var bobCycles: NodeCycleTiming
    /// An intercept-resend eavesdropper on Bob's fibre (``InterceptResendEavesdropper/absent`` for none).
    public var eavesdropper: InterceptResendEavesdropper
    /// The world seed: pulse k draws from a stream derived from (seed, k) only.
    public var seed: UInt64

    /// A world with these parts.
    public init(source: SourceParameters, aliceArm: ArmParameters, bobArm: ArmParameters, fibre: FibreLink,
                aliceClock: NodeClock = .ideal, bobClock: NodeClock = .ideal,
                aliceCycles: NodeCycleTiming, bobCycles: NodeCycleTiming,
                eavesdropper: InterceptResendEavesdropper = .absent, seed: UInt64) {
        self.source = source
        self.aliceArm = aliceArm
        self.bobArm = bobArm
        self.fibre = fibre
        self.aliceClock = aliceClock
        self.bobClock = bobClock
        self.aliceCycles = aliceCycles
        self.bobCycles = bobCycles
        self.eavesdropper = eavesdropper
        self.seed = seed
    }

    /// η_B·T_fibre: the probability that an X photon reaches Bob's detector inputs.
    public var bobEfficiencyWithFibre: Double { bobArm.efficiency * fibre.transmission }

    /// The fixed part of Bob's photon delay after the pulse: his arm's delay plus the fibre's.
    public var bobFixedDelayPicoseconds: Int64 { bobArm.arrivalDelayPicoseconds + fibre.delayPicoseconds }
}
