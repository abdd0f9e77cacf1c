/// The settings of one block's distillation, with the defaults a BBM92 link starts from.
public struct KeyBlockParameters: Hashable, Sendable {
    /// The fraction of sifted bits disclosed for the QBER estimate (0 < f < 1).
    public var sampleFraction: Double
    /// The QBER threshold: a block whose sampled QBER + μ exceeds it yields no key. 11 % is BBM92's
    /// asymptotic limit with one-way post-processing (1 − 2h(Q) = 0 at Q ≈ 11.0 %).
    public var qberThreshold: Double
    /// Cascade passes. 4, as Brassard and Salvail's original: at QBER 2 % on 10⁶-bit blocks no block
    /// of 100 kept an error after 4 passes (nor after 3), and each further pass only adds its block
    /// parities (`qdot-bench key-distillation PASSES SEEDS`).
    public var cascadePassCount: Int
    /// How Cascade's blocks grow from pass to pass.
    public var cascadeBlockSchedule: CascadeBlockSchedule
    /// ε_sec of the finite-key bound.
    public var epsilonSecrecy: Double
    /// Q_tol of the finite-key bound; nil: the sampled QBER (see ``KeyBlockPipeline``).
    public var toleratedQBER: Double?
    /// q of the finite-key bound (1 for ideal BBM92 bases).
    public var preparationQuality: Double

    /// Parameters; the defaults are a 10 % sample, an 11 % threshold, 4 Cascade passes of doubling blocks, ε_sec = 10⁻¹⁰,
    /// Q_tol = the sampled QBER, q = 1.
    public init(sampleFraction: Double = 0.1, qberThreshold: Double = 0.11, cascadePassCount: Int = 4,
                cascadeBlockSchedule: CascadeBlockSchedule = .doubling, epsilonSecrecy: Double = 1e-10, toleratedQBER: Double? = nil, preparationQuality: Double = 1) {
        self.sampleFraction = sampleFraction
        self.qberThreshold = qberThreshold
        self.cascadePassCount = cascadePassCount
        self.cascadeBlockSchedule = cascadeBlockSchedule
        self.epsilonSecrecy = epsilonSecrecy
        self.toleratedQBER = toleratedQBER
        self.preparationQuality = preparationQuality
    }
}
