import Analysis

/// What one block's distillation did, for the node's JSON result: sizes at every step, the QBER,
/// the leakage and Cascade's efficiency, the verification outcome, the finite-key length with its
/// ε values, and why no key came out if none did.
public struct KeyBlockReport: Hashable, Sendable {
    /// Alice's detections before sifting.
    public var rawDetectionsAlice = 0
    /// Bob's detections before sifting.
    public var rawDetectionsBob = 0
    /// Sifted bits (same index, same basis).
    public var siftedBits = 0
    /// Bits disclosed for the QBER estimate (removed from the key).
    public var sampleBits = 0
    /// The sampled QBER (nil when the block stopped before sampling).
    public var qber: QBEREstimate?
    /// Tomamichel et al.'s μ for this block's n and k.
    public var statisticalDeviation: Double?
    /// Bits that went into Cascade (n of the finite-key bound).
    public var reconciledBits = 0
    /// Errors Cascade corrected (bits Bob flipped).
    public var correctedErrors = 0
    /// Parity bits Cascade disclosed.
    public var cascadeParityBits = 0
    /// Verification tag bits disclosed.
    public var verificationTagBits = 0
    /// leak_EC: every disclosed bit after sampling (Cascade parities + verification tag).
    public var leakedBits: Int { cascadeParityBits + verificationTagBits }
    /// Cascade's efficiency f = parity bits / (n·h(e)), e = correctedErrors/n the block's actual
    /// error rate; 1 is the Shannon limit. Nil when no error was corrected (h(0) = 0).
    public var reconciliationEfficiency: Double? {
        guard reconciledBits > 0, correctedErrors > 0 else { return nil }
        return Double(cascadeParityBits) / (Double(reconciledBits) * BBM92.binaryEntropy(Double(correctedErrors) / Double(reconciledBits)))
    }
    /// True when the tags matched, false when they differed, nil when verification did not run.
    public var verificationPassed: Bool?
    /// The finite-key length ℓ (real, may be negative), nil when not reached.
    public var secretLengthBits: Double?
    /// The final key's length (0 without a key).
    public var secureBits = 0
    /// ε_sec the key length was computed for.
    public var epsilonSecrecy: Double
    /// ε_cor of the verification hash for this block (nil before verification).
    public var epsilonCorrectness: Double?
    /// Why no key came out (nil when one did).
    public var abortReason: KeyBlockAbortReason?

    /// An empty report for a block distilled at `epsilonSecrecy` (filled in step by step).
    public init(epsilonSecrecy: Double) { self.epsilonSecrecy = epsilonSecrecy }
}
