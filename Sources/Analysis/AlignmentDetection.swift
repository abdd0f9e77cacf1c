public import Vocabulary

/// One detection a node offers to cycle alignment: where it happened on the node's own
/// timeline, and — when the node discloses it for alignment — its basis and outcome.
///
/// `position` is a cycle index in gate mode or a time stamp in picoseconds of the node's clock
/// in tagger mode; both nodes' positions must be in the same nominal unit (cycles of equal
/// nominal period, or picoseconds).
public struct AlignmentDetection: Hashable, Sendable {
    /// The cycle index (gate mode) or time stamp in picoseconds (tagger mode) on the node's clock.
    public var position: Int64
    /// The analyzer basis and beam-splitter output, when disclosed (a sacrificed block whose bits
    /// never enter the key); nil when only the detection's position is offered.
    public var disclosedBasis: AnalyzerBasis?
    /// The output the photon took, disclosed together with ``disclosedBasis``.
    public var disclosedOutput: DetectorOutput?

    /// A detection at `position`, its basis and output disclosed or not.
    public init(position: Int64, disclosedBasis: AnalyzerBasis? = nil, disclosedOutput: DetectorOutput? = nil) {
        self.position = position
        self.disclosedBasis = disclosedBasis
        self.disclosedOutput = disclosedOutput
    }
}

/// What counts as evidence that an Alice detection and a Bob detection belong to one pulse.
public enum AlignmentEvidence: String, Sendable, Hashable {
    /// Every pair of detections counts 1: the coincidence peak stands over the accidentals only
    /// by the factor 1/p_exc for an on-demand source (pairs come from one pulse, accidentals from
    /// two, each pulse excited with p_exc), so it needs many detections when p_exc is near 1.
    case coincidences
    /// Pairs measured in the same disclosed basis count +1 when their outputs agree and −1 when
    /// they differ; other pairs count 0. Accidentals then average to zero and the true offset
    /// stands out by the pairs' correlation |E| (≈ 0.95 for |Φ⁺⟩ in H/V and D/A; a negative peak,
    /// for anticorrelated states, is found as well). Every detection must disclose basis and output.
    case disclosedOutcomes

    /// The weight of a pair of detections.
    func weight(_ alice: AlignmentDetection, _ bob: AlignmentDetection) -> Int {
        switch self {
        case .coincidences: return 1
        case .disclosedOutcomes:
            guard alice.disclosedBasis == bob.disclosedBasis else { return 0 }
            return alice.disclosedOutput == bob.disclosedOutput ? 1 : -1
        }
    }
}
