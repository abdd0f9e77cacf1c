public import Analysis

/// The quantum bit error rate measured on the disclosed sample.
///
/// Estimator: Q̂ = e/k (e disagreements among k sampled bits), with the binomial standard error
/// √(Q̂(1−Q̂)/k) and the Clopper–Pearson interval at one σ (68.3 %, exact, never too short, so it
/// stays honest at e = 0). The key length does not use these: it uses Tomamichel et al.'s μ
/// (``FiniteKeyLength/statisticalDeviation(keyBits:sampleBits:epsilonSecrecy:)``), which bounds
/// the error rate of the *unsampled* bits from the sampled ones (sampling without replacement).
public struct QBEREstimate: Hashable, Sendable {
    /// Disagreements in the sample.
    public var errors: Int
    /// Sample size k (bits disclosed by each side).
    public var sampleBits: Int
    /// Q̂ = errors / sampleBits.
    public var value: Double { sampleBits == 0 ? 0 : Double(errors) / Double(sampleBits) }
    /// √(Q̂(1−Q̂)/k).
    public var standardError: Double { sampleBits == 0 ? 0 : (value * (1 - value) / Double(sampleBits)).squareRoot() }
    /// The Clopper–Pearson interval at one σ (`ConfidenceInterval.clopperPearson`).
    public var interval: ConfidenceInterval

    /// The estimate from `errors` disagreements in `sampleBits` sampled bits (sampleBits ≥ 1).
    public init(errors: Int, sampleBits: Int) throws(KeyDistillationError) {
        guard sampleBits >= 1, errors >= 0, errors <= sampleBits else {
            throw .invalidParameter(name: "QBER sample", value: "\(errors) errors in \(sampleBits) bits", expected: "0 ≤ errors ≤ sample bits, sample ≥ 1")
        }
        self.errors = errors
        self.sampleBits = sampleBits
        do { interval = try ConfidenceInterval.clopperPearson(successes: Double(errors), trials: Double(sampleBits)) } catch {
            throw .invalidParameter(name: "QBER sample", value: "\(errors) of \(sampleBits)", expected: "a binomial count (\(error))")
        }
    }
}
