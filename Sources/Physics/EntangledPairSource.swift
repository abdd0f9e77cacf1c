public import Vocabulary
import RealModule
public import SeededRandom

/// The quantum dot and the two arms' optics: turns one laser pulse into photons at the four
/// detector inputs.
///
/// Per pulse (the model of DESIGN.md section 5, sampled in closed form, no time stepping):
/// 1. the biexciton is prepared with probability p_exc;
/// 2. the XX photon leaves after an exponential delay (mean τ_XX), the X photon after a further
///    exponential delay Δt (mean τ_X); each survives its arm with probability η;
/// 3. when both survive, the pair's polarization state for that Δt is drawn — coherent with
///    probability k, with spin scattering (probability 1 − e^{−Δt/τ_SS}) leaving it
///    unpolarized, cross-dephasing scaling its coherence by e^{−Δt/τ_HV}, and phase
///    φ = S·Δt/ħ (Hudson et al., Phys. Rev. Lett. 99, 266802 (2007)) — and the two PBS outcomes
///    are drawn jointly from the Born rule ``CorrelationTensor/jointProbability(plusA:plusB:_:_:)``;
///    a lone surviving photon goes to + or − with probability ½ (its Bloch vector is zero);
/// 4. with probability p₂ the dot re-excites: a second, independent cascade adds one
///    unpolarized photon to each arm, which again survives with η.
///
/// Averaged over Δt the pairs reproduce the time-integrated closed forms in
/// ``SourceParameters/expectedCorrelationTensor``; the counts, step 4's photons included,
/// those of ``ExpectedFigures``.
///
/// The draws (physics stream v2, ``PhysicsStream``): the survivals of steps 1, 2 and 4 are not
/// drawn one after another as they happen (stream v1) but by ``ArmPhotonSampler``: one draw
/// says whether any photon of the pulse reaches an arm — for most pulses none does, and that one
/// draw is all they cost — and only then are the survivals drawn, given that, with the same joint
/// law; then the times and polarizations of the photons that survive, as the steps say.
public struct EntangledPairSource: Sendable {
    /// The dot's parameters.
    public let source: SourceParameters
    /// Arm A (XX photon).
    public let armA: ArmParameters
    /// Arm B (X photon).
    public let armB: ArmParameters

    let phaseRadiansPerPicosecond: Double
    /// Bernoulli thresholds (``Xoshiro256StarStar/bernoulliThreshold(probability:)``) of p_exc and
    /// k, computed once (the link world draws p_exc, η_A and p₂ one after another).
    let excitationThreshold: UInt64, entangledThreshold: UInt64
    /// Which photons reach an arm: physics stream v2's two-stage draw.
    @usableFromInline let armPhotonSampler: ArmPhotonSampler
    /// The thresholds of η_A and p₂, the sampler's.
    var armAThreshold: UInt64 { armPhotonSampler.armAThreshold }
    var reexcitationThreshold: UInt64 { armPhotonSampler.reexcitationThreshold }
    /// The threshold of probability ½, ⌈½·2⁵³⌉ = 2⁵² (a literal: a `static let` is reached through
    /// a lazy-initialization check on every use).
    static var halfThreshold: UInt64 { 1 << 52 }

    /// A source with these parameters, or every problem with them.
    public init(source: SourceParameters, armA: ArmParameters, armB: ArmParameters) throws(StationDataError) {
        try StationDataError.check(source.validate().map { $0.nested(under: "source") }
            + armA.validate().map { $0.nested(under: "arm.a") }
            + armB.validate().map { $0.nested(under: "arm.b") })
        self.source = source
        self.armA = armA
        self.armB = armB
        phaseRadiansPerPicosecond = source.fineStructureSplittingMicroelectronvolts
            / PhysicalConstants.reducedPlanckMicroelectronvoltPicoseconds
        excitationThreshold = Xoshiro256StarStar.bernoulliThreshold(probability: source.excitationProbability)
        entangledThreshold = Xoshiro256StarStar.bernoulliThreshold(probability: source.entangledFraction)
        armPhotonSampler = ArmPhotonSampler(excitation: source.excitationProbability,
                                            reexcitation: source.reexcitationProbability,
                                            armA: armA.efficiency, armB: armB.efficiency)
    }

    /// Simulates the pulse that reaches the dot at `pulseAtPicoseconds`, with the analyzers set
    /// to `analyzerA` and `analyzerB`, and writes the photons that reach detector inputs into
    /// `photons` (cleared first), earliest first: ``sendsPhotonIntoAnArm(rng:)``, then, when it
    /// says so, ``emitGivenPhotonIntoAnArm(pulseAtPicoseconds:analyzerA:analyzerB:rng:into:)``.
    public func emit(pulseAtPicoseconds pulseTime: Int64, analyzerA: AnalyzerBasis, analyzerB: AnalyzerBasis,
                     rng: inout Xoshiro256StarStar, into photons: inout PulsePhotons) {
        emitInline(pulseAtPicoseconds: pulseTime, analyzerA: analyzerA, analyzerB: analyzerB, rng: &rng, into: &photons)
    }

    /// One draw (physics stream v2, ``ArmPhotonSampler``): whether any photon of the next pulse
    /// reaches a detector arm. When not, the pulse is over: nothing else is drawn for it.
    public func sendsPhotonIntoAnArm(rng: inout Xoshiro256StarStar) -> Bool {
        armPhotonSampler.sendsPhotonIntoAnArm(rng: &rng)
    }

    /// The photons of a pulse that ``sendsPhotonIntoAnArm(rng:)`` said sends one into an arm,
    /// drawn given that (``ArmPhotonSampler``), with the analyzers as the pulse finds them.
    public func emitGivenPhotonIntoAnArm(pulseAtPicoseconds pulseTime: Int64, analyzerA: AnalyzerBasis,
                                         analyzerB: AnalyzerBasis, rng: inout Xoshiro256StarStar,
                                         into photons: inout PulsePhotons) {
        emitGivenPhotonIntoAnArmInline(pulseAtPicoseconds: pulseTime, analyzerA: analyzerA, analyzerB: analyzerB,
                                       rng: &rng, into: &photons)
    }

    /// The body of ``emit(pulseAtPicoseconds:analyzerA:analyzerB:rng:into:)``, inlined where it is
    /// called: a call passes the source by address after copying it out of the caller's storage
    /// (about 5 % of a pulse), while the inlined body reads only the fields it needs.
    @inline(__always)
    func emitInline(pulseAtPicoseconds pulseTime: Int64, analyzerA: AnalyzerBasis, analyzerB: AnalyzerBasis,
                    rng: inout Xoshiro256StarStar, into photons: inout PulsePhotons) {
        guard armPhotonSampler.sendsPhotonIntoAnArm(rng: &rng) else {
            photons.removeAll()
            return
        }
        emitGivenPhotonIntoAnArmInline(pulseAtPicoseconds: pulseTime, analyzerA: analyzerA, analyzerB: analyzerB,
                                       rng: &rng, into: &photons)
    }

    /// The body of ``emitGivenPhotonIntoAnArm(pulseAtPicoseconds:analyzerA:analyzerB:rng:into:)``:
    /// which photons reach an arm (``ArmPhotonSampler/armPhotonsGivenOne(rng:)``), then the
    /// first pair's times and polarizations (steps 2–3), then the re-excitation's (step 4).
    @inline(__always)
    func emitGivenPhotonIntoAnArmInline(pulseAtPicoseconds pulseTime: Int64, analyzerA: AnalyzerBasis,
                                        analyzerB: AnalyzerBasis, rng: inout Xoshiro256StarStar,
                                        into photons: inout PulsePhotons) {
        photons.removeAll()
        let arms = armPhotonSampler.armPhotonsGivenOne(rng: &rng)
        let reachesA = arms.contains(.firstPairA), reachesB = arms.contains(.firstPairB)
        if reachesA || reachesB {
            let biexcitonDelay = rng.nextExponential(mean: source.biexcitonLifetimePicoseconds)
            let excitonDelay = rng.nextExponential(mean: source.excitonLifetimePicoseconds)
            // Either photon alone goes to + or − with probability ½ (zero local Bloch vectors).
            let plusA = rng.nextBernoulli(threshold: Self.halfThreshold)
            var plusB = plusA
            if reachesA && reachesB {
                let tensor = pairCorrelation(excitonDelayPicoseconds: excitonDelay, rng: &rng)
                let correlation = tensor.correlation(analyzerA.plusOutputBlochVector, analyzerB.plusOutputBlochVector)
                // P(s_A = s_B) = P(++) + P(−−) = ½(1 + E), given s_A.
                if !rng.nextBernoulli(probability: 0.5 * (1 + correlation)) { plusB = !plusA }
            }
            // Both photons are made and kept by flag, not by a branch each (which arm survived is
            // a coin toss the branch predictor loses): the same photons as inserting A, then B.
            photons.setFirstPair(
                PhotonArrival(channel: plusA ? .aPlus : .aMinus,
                              timePicoseconds: pulseTime + Picoseconds.rounded(biexcitonDelay) + armA.arrivalDelayPicoseconds),
                keepingA: reachesA,
                PhotonArrival(channel: plusB ? .bPlus : .bMinus,
                              timePicoseconds: pulseTime + Picoseconds.rounded(biexcitonDelay + excitonDelay)
                                + armB.arrivalDelayPicoseconds),
                keepingB: reachesB)
        }
        if arms.contains(.reexcitationA) || arms.contains(.reexcitationB) {
            emitReexcitationPhotons(arms, pulseTime: pulseTime, rng: &rng, into: &photons)
        }
    }

    /// The second cascade after a re-excitation: one unpolarized photon in each arm `arms` names,
    /// its times drawn afresh, uncorrelated with the first pair. Inlined, as
    /// ``pairCorrelation(excitonDelayPicoseconds:rng:)`` is: a call would need the source copied to
    /// the stack to pass its address.
    @inline(__always)
    func emitReexcitationPhotons(_ arms: ArmPhotons, pulseTime: Int64, rng: inout Xoshiro256StarStar,
                                 into photons: inout PulsePhotons) {
        if arms.contains(.reexcitationA) {
            let delay = rng.nextExponential(mean: source.biexcitonLifetimePicoseconds)
            let plus = rng.nextBernoulli(threshold: Self.halfThreshold)
            photons.insertInTimeOrder(PhotonArrival(
                channel: plus ? .aPlus : .aMinus,
                timePicoseconds: pulseTime + Picoseconds.rounded(delay) + armA.arrivalDelayPicoseconds))
        }
        if arms.contains(.reexcitationB) {
            let delay = rng.nextExponential(mean: source.biexcitonLifetimePicoseconds)
                + rng.nextExponential(mean: source.excitonLifetimePicoseconds)
            let plus = rng.nextBernoulli(threshold: Self.halfThreshold)
            photons.insertInTimeOrder(PhotonArrival(
                channel: plus ? .bPlus : .bMinus,
                timePicoseconds: pulseTime + Picoseconds.rounded(delay) + armB.arrivalDelayPicoseconds))
        }
    }

    /// The polarization correlations of one pair whose exciton lived `excitonDelayPicoseconds`:
    /// unpolarized with probability 1 − k or after spin scattering; otherwise
    /// (|HH⟩ + e^{iφ}|VV⟩)/√2 with φ = S·Δt/ħ, its coherence scaled by e^{−Δt/τ_HV}.
    @inline(__always)
    func pairCorrelation(excitonDelayPicoseconds delay: Double, rng: inout Xoshiro256StarStar) -> CorrelationTensor {
        guard rng.nextBernoulli(threshold: entangledThreshold) else { return .unpolarized }
        if let spinScatteringTime = source.spinScatteringTimePicoseconds,
           !rng.nextBernoulli(probability: Double.exp(-delay / spinScatteringTime)) {
            return .unpolarized
        }
        var coherence = 1.0
        if let crossDephasingTime = source.crossDephasingTimePicoseconds {
            coherence = Double.exp(-delay / crossDephasingTime)
        }
        let phase = phaseRadiansPerPicosecond * delay
        return CorrelationTensor(coherenceCosine: coherence * Double.cos(phase),
                                 coherenceSine: coherence * Double.sin(phase), populationCorrelation: 1)
    }
}
