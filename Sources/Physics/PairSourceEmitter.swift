public import Vocabulary
public import SeededRandom

/// An ``EntangledPairSource`` kept in a class, for a device that emits pulse after pulse from it.
///
/// The struct's own ``EntangledPairSource/emit(pulseAtPicoseconds:analyzerA:analyzerB:rng:into:)``,
/// called from another module on a source stored in a class, is handed a copy of the source
/// (160 bytes copied to the stack per pulse); this class's `emit` is called with a reference and
/// reads the fields it needs in place. Same draws, same photons.
public final class PairSourceEmitter: Sendable {
    /// The dot and the arms.
    public let source: EntangledPairSource

    /// An emitter of `source`'s pulses.
    public init(_ source: EntangledPairSource) {
        self.source = source
    }

    /// As ``EntangledPairSource/emit(pulseAtPicoseconds:analyzerA:analyzerB:rng:into:)``.
    public func emit(pulseAtPicoseconds pulseTime: Int64, analyzerA: AnalyzerBasis, analyzerB: AnalyzerBasis,
                     rng: inout Xoshiro256StarStar, into photons: inout PulsePhotons) {
        source.emitInline(pulseAtPicoseconds: pulseTime, analyzerA: analyzerA, analyzerB: analyzerB, rng: &rng,
                          into: &photons)
    }

    /// As ``EntangledPairSource/sendsPhotonIntoAnArm(rng:)``: one draw, inlined where it is asked
    /// (a call into this module cost more than the draw).
    @inlinable @inline(__always)
    public func sendsPhotonIntoAnArm(rng: inout Xoshiro256StarStar) -> Bool {
        source.armPhotonSampler.sendsPhotonIntoAnArm(rng: &rng)
    }

    /// As ``EntangledPairSource/emitGivenPhotonIntoAnArm(pulseAtPicoseconds:analyzerA:analyzerB:rng:into:)``.
    /// Inlined into the caller, which hands its generator to
    /// ``emitGivenPhotonIntoAnArm(pulseAtPicoseconds:analyzerA:analyzerB:drawingFrom:into:)`` by value.
    @inlinable @inline(__always)
    public func emitGivenPhotonIntoAnArm(pulseAtPicoseconds pulseTime: Int64, analyzerA: AnalyzerBasis,
                                         analyzerB: AnalyzerBasis, rng: inout Xoshiro256StarStar,
                                         into photons: inout PulsePhotons) {
        rng = emitGivenPhotonIntoAnArm(pulseAtPicoseconds: pulseTime, analyzerA: analyzerA, analyzerB: analyzerB,
                                       drawingFrom: rng, into: &photons)
    }

    /// The emission drawing from a copy of `generator`; returns the generator after the draws.
    /// By value, the generator stays in registers for the pulse's draws (about seven): drawn
    /// through an `inout` reference to the caller's stored generator, each draw stored all four
    /// of its words back to memory.
    @usableFromInline
    func emitGivenPhotonIntoAnArm(pulseAtPicoseconds pulseTime: Int64, analyzerA: AnalyzerBasis,
                                  analyzerB: AnalyzerBasis, drawingFrom generator: Xoshiro256StarStar,
                                  into photons: inout PulsePhotons) -> Xoshiro256StarStar {
        var random = generator
        source.emitGivenPhotonIntoAnArmInline(pulseAtPicoseconds: pulseTime, analyzerA: analyzerA, analyzerB: analyzerB,
                                              rng: &random, into: &photons)
        return random
    }
}
