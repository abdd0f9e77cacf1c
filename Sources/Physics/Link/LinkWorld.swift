import SeededRandom
import Vocabulary

/// Two nodes seeing one world: per laser pulse, the pair, both photons' losses and arrival
/// times, and the joint Born-rule outcome for both nodes' analyzer settings.
///
/// Pulse k is fired by Alice's cycle k at true time t_k = AliceClock⁻¹(start_A + k·T_A). It draws
/// only from a stream derived from (seed, k) (``Xoshiro256StarStar/derived(stream:)``), so every
/// process that builds the world from equal ``LinkWorldParameters`` gets the same sample for
/// pulse k, in any order of calls. The draws, in this order, never depend on the settings:
/// 1. excitation (p_exc); XX delay Δ_XX ~ Exp(τ_XX), X delay Δt ~ Exp(τ_X);
/// 2. Alice's photon survives (η_A); Bob's survives (η_B·T_fibre);
/// 3. the pair's correlation tensor T for that Δt, exactly as a station's source draws it
///    (``EntangledPairSource``: entangled fraction k, spin scattering, cross-dephasing, phase
///    S·Δt/ħ);
/// 4. Eve intercepts (p) and her basis (½ H/V, ½ D/A);
/// 5. three uniforms u_A, u_E, u_B that fix the outcomes;
/// 6. with probability p₂ the dot re-excites (as in ``EntangledPairSource``): a second, independent
///    cascade sends one unpolarized photon to each node, surviving with the same efficiencies, its
///    delays drawn afresh, its output + or − with probability ½ (Eve's intercept-resend leaves
///    that ½ as it is, so she is not applied to it);
/// 7. only when the fibre's polarization error e (``FibreLink/polarizationErrorProbability``) is
///    above 0: whether Bob's pair photon is flipped (probability e, in either basis). Being last and
///    drawn only for e > 0, it leaves every draw, and so every seeded output, of a world without it
///    as it was. The flip acts on the photon Bob receives, so with Eve it follows her resend.
///
/// Alice's photon reaches her detectors at t_k + Δ_XX + d_A, Bob's at t_k + Δ_XX + Δt + d_B + L·n_g/c;
/// each node's clock turns that into its local time, and the cycle containing it gives the
/// analyzer setting (asked of ``LinkAnalyzerSettings``). The outcomes follow the Born rule with
/// zero local Bloch vectors (``CorrelationTensor/jointProbability(plusA:plusB:_:_:)``): s_A = + when
/// u_A < ½, then P(s_B = s_A) = ½(1 + a·T·b); with Eve, P(s_E = s_A) = ½(1 + a·T·e) and
/// P(s_B = s_E) = ½(1 + e·b). Either marginal is ½ whatever the other node's setting (no
/// signalling), and Alice's outcome does not depend on Bob's setting at all.
///
/// Detectors are not modelled here: they belong to each node's own board (feed
/// ``LinkPhoton/arrival(at:)`` to its ``SinglePhotonDetector``s with the node's own stream).
public struct LinkWorld: Sendable {
    /// The world's parameters.
    public let parameters: LinkWorldParameters
    let source: EntangledPairSource
    let bobThreshold: UInt64, interceptThreshold: UInt64, polarizationErrorThreshold: UInt64
    /// The seed's generator, from which each pulse's stream is derived.
    let pulseStreams: Xoshiro256StarStar

    /// The world `parameters` describe, or every problem with them.
    public init(parameters: LinkWorldParameters) throws(StationDataError) {
        // Checked under the link's own keys first (the source would name its arms `arm.a`, `arm.b`).
        try StationDataError.check(parameters.source.validate().map { $0.nested(under: "source") }
            + parameters.aliceArm.validate().map { $0.nested(under: "alice-arm") }
            + parameters.bobArm.validate().map { $0.nested(under: "bob-arm") })
        source = try EntangledPairSource(source: parameters.source, armA: parameters.aliceArm, armB: parameters.bobArm)
        self.parameters = parameters
        bobThreshold = Xoshiro256StarStar.bernoulliThreshold(probability: parameters.bobEfficiencyWithFibre)
        interceptThreshold = Xoshiro256StarStar.bernoulliThreshold(probability: parameters.eavesdropper.interceptFraction)
        polarizationErrorThreshold = Xoshiro256StarStar.bernoulliThreshold(probability: parameters.fibre.polarizationErrorProbability)
        pulseStreams = Xoshiro256StarStar(seed: parameters.seed)
    }

    /// The true time at which Alice's cycle `aliceCycle` fires its pulse, in picoseconds.
    public func truePulsePicoseconds(aliceCycle: Int64) -> Int64 {
        parameters.aliceClock.truePicoseconds(atLocal: parameters.aliceCycles.startPicoseconds(ofCycle: aliceCycle))
    }

    /// Pulse `aliceCycle` as both nodes see it, with the settings from `settings`.
    public func pulse(aliceCycle: Int64, settings: inout some LinkAnalyzerSettings) -> LinkPulseOutcome {
        var rng = pulseStreams.derived(stream: UInt64(bitPattern: aliceCycle))
        var outcome = LinkPulseOutcome(aliceCycle: aliceCycle, alice: nil, bob: nil, wasIntercepted: false,
                                       trueBobArrivalPicoseconds: nil)
        guard rng.nextBernoulli(threshold: source.excitationThreshold) else { return outcome }
        let biexcitonDelay = rng.nextExponential(mean: parameters.source.biexcitonLifetimePicoseconds)
        let excitonDelay = rng.nextExponential(mean: parameters.source.excitonLifetimePicoseconds)
        let reachesAlice = rng.nextBernoulli(threshold: source.armAThreshold)
        let reachesBob = rng.nextBernoulli(threshold: bobThreshold)
        let tensor = source.pairCorrelation(excitonDelayPicoseconds: excitonDelay, rng: &rng)
        let intercepted = rng.nextBernoulli(threshold: interceptThreshold)
        let eveBasis: AnalyzerBasis = rng.nextBernoulli(threshold: EntangledPairSource.halfThreshold)
            ? .horizontalVertical : .diagonalAntidiagonal
        let uniformAlice = rng.nextUnitInterval(), uniformEve = rng.nextUnitInterval(), uniformBob = rng.nextUnitInterval()

        let pulseTime = truePulsePicoseconds(aliceCycle: aliceCycle)
        let aliceTrue = pulseTime &+ Picoseconds.rounded(biexcitonDelay) &+ parameters.aliceArm.arrivalDelayPicoseconds
        let bobTrue = pulseTime &+ Picoseconds.rounded(biexcitonDelay + excitonDelay) &+ parameters.bobFixedDelayPicoseconds
        let aliceLocal = parameters.aliceClock.localPicoseconds(atTrue: aliceTrue)
        let bobLocal = parameters.bobClock.localPicoseconds(atTrue: bobTrue)
        let aliceCycleOfArrival = parameters.aliceCycles.cycle(containingLocal: aliceLocal)
        let bobCycleOfArrival = parameters.bobCycles.cycle(containingLocal: bobLocal)
        let aliceAnalyzer = settings.analyzer(of: .alice, inCycle: aliceCycleOfArrival)
        let bobAnalyzer = settings.analyzer(of: .bob, inCycle: bobCycleOfArrival)

        let a = aliceAnalyzer.plusOutputBlochVector, b = bobAnalyzer.plusOutputBlochVector
        let alicePlus = uniformAlice < 0.5
        let bobPlus: Bool
        if intercepted {
            let e = eveBasis.plusOutputBlochVector
            let evePlus = uniformEve < 0.5 * (1 + tensor.correlation(a, e)) ? alicePlus : !alicePlus
            let overlap = e.x * b.x + e.y * b.y + e.z * b.z
            bobPlus = uniformBob < 0.5 * (1 + overlap) ? evePlus : !evePlus
        } else {
            bobPlus = uniformBob < 0.5 * (1 + tensor.correlation(a, b)) ? alicePlus : !alicePlus
        }
        outcome.wasIntercepted = intercepted
        outcome.trueBobArrivalPicoseconds = bobTrue
        if reachesAlice {
            outcome.alice = LinkPhoton(localArrivalPicoseconds: aliceLocal, cycle: aliceCycleOfArrival,
                                       isInsideGate: parameters.aliceCycles.isCounted(atLocal: aliceLocal),
                                       analyzer: aliceAnalyzer, output: alicePlus ? .plus : .minus)
        }
        if reachesBob {
            outcome.bob = LinkPhoton(localArrivalPicoseconds: bobLocal, cycle: bobCycleOfArrival,
                                     isInsideGate: parameters.bobCycles.isCounted(atLocal: bobLocal),
                                     analyzer: bobAnalyzer, output: bobPlus ? .plus : .minus)
        }
        if source.reexcitationThreshold > 0 && rng.nextBernoulli(threshold: source.reexcitationThreshold) {
            addReexcitationPhotons(pulseTime: pulseTime, rng: &rng, settings: &settings, to: &outcome)
        }
        if polarizationErrorThreshold > 0 && rng.nextBernoulli(threshold: polarizationErrorThreshold),
           let photon = outcome.bob {
            outcome.bob?.output = photon.output == .plus ? .minus : .plus
        }
        return outcome
    }

    /// The second cascade after a re-excitation: one unpolarized photon per node (step 6).
    func addReexcitationPhotons(pulseTime: Int64, rng: inout Xoshiro256StarStar, settings: inout some LinkAnalyzerSettings,
                                to outcome: inout LinkPulseOutcome) {
        let biexcitonDelay = rng.nextExponential(mean: parameters.source.biexcitonLifetimePicoseconds)
        let excitonDelay = rng.nextExponential(mean: parameters.source.excitonLifetimePicoseconds)
        let reachesAlice = rng.nextBernoulli(threshold: source.armAThreshold)
        let reachesBob = rng.nextBernoulli(threshold: bobThreshold)
        let alicePlus = rng.nextBernoulli(threshold: EntangledPairSource.halfThreshold)
        let bobPlus = rng.nextBernoulli(threshold: EntangledPairSource.halfThreshold)
        if reachesAlice {
            let local = parameters.aliceClock.localPicoseconds(
                atTrue: pulseTime &+ Picoseconds.rounded(biexcitonDelay) &+ parameters.aliceArm.arrivalDelayPicoseconds)
            let cycle = parameters.aliceCycles.cycle(containingLocal: local)
            outcome.aliceReexcitation = LinkPhoton(
                localArrivalPicoseconds: local, cycle: cycle, isInsideGate: parameters.aliceCycles.isCounted(atLocal: local),
                analyzer: settings.analyzer(of: .alice, inCycle: cycle), output: alicePlus ? .plus : .minus)
        }
        if reachesBob {
            let local = parameters.bobClock.localPicoseconds(
                atTrue: pulseTime &+ Picoseconds.rounded(biexcitonDelay + excitonDelay) &+ parameters.bobFixedDelayPicoseconds)
            let cycle = parameters.bobCycles.cycle(containingLocal: local)
            outcome.bobReexcitation = LinkPhoton(
                localArrivalPicoseconds: local, cycle: cycle, isInsideGate: parameters.bobCycles.isCounted(atLocal: local),
                analyzer: settings.analyzer(of: .bob, inCycle: cycle), output: bobPlus ? .plus : .minus)
        }
    }

    /// Only `node`'s pair photon of pulse `aliceCycle` (what a node's own process asks for); the
    /// same joint sample as ``pulse(aliceCycle:settings:)``.
    public func photon(of node: LinkNode, aliceCycle: Int64, settings: inout some LinkAnalyzerSettings) -> LinkPhoton? {
        pulse(aliceCycle: aliceCycle, settings: &settings).photon(of: node)
    }
}
