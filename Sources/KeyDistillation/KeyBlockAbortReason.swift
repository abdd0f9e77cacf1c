/// Why a block yielded no key.
public enum KeyBlockAbortReason: Hashable, Sendable, CustomStringConvertible {
    /// Too few sifted bits to sample and still keep 4 bits for Cascade.
    case tooFewSiftedBits(siftedBits: Int, sampleBits: Int)
    /// The sampled QBER plus its finite-size deviation μ exceeds the threshold.
    case qberAboveThreshold(qber: Double, statisticalDeviation: Double, threshold: Double)
    /// The sampled QBER exceeds the fixed Q_tol the finite-key bound was set up with
    /// (``KeyBlockParameters/toleratedQBER``): Tomamichel et al.'s protocol aborts there.
    case qberAboveTolerated(qber: Double, toleratedQBER: Double)
    /// The verification tags differed: Cascade left errors; the block is discarded.
    case verificationFailed
    /// The finite-key bound leaves no secret bits (ℓ < 1) after the leakage.
    case noSecretKey(secretLengthBits: Double)

    /// The reason in a sentence, with its numbers (for logs and the node's JSON result).
    public var description: String {
        switch self {
        case let .tooFewSiftedBits(sifted, sample):
            "too few sifted bits: \(sifted), with \(sample) needed for the sample and at least 4 for the key"
        case let .qberAboveThreshold(qber, deviation, threshold):
            "QBER \(percent(qber)) + finite-size deviation \(percent(deviation)) exceeds the threshold \(percent(threshold))"
        case let .qberAboveTolerated(qber, tolerated):
            "QBER \(percent(qber)) exceeds the tolerated QBER \(percent(tolerated)) the key length was set up for"
        case .verificationFailed:
            "verification failed: the reconciled keys' hash tags differ, the block is discarded"
        case let .noSecretKey(length):
            "no secret key: the finite-key length is \(Int(length.rounded(.down))) bits after error-correction leakage"
        }
    }

    private func percent(_ value: Double) -> String {
        let hundredths = Int((value * 10_000).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction) %"
    }
}
