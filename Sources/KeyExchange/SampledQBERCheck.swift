import KeyDistillation

/// The checks both roles make after the QBER sample, as ``KeyDistillation/KeyBlockPipeline`` makes
/// them: the sampled QBER + μ against the threshold, then against a fixed Q_tol. Returns Q_tol, or
/// nil with the reason in `report` when the block stops.
enum SampledQBERCheck {
    static func toleratedQBER(qber: QBEREstimate, keyBits: Int, sampleBits: Int, parameters: KeyBlockParameters,
                              report: inout KeyBlockReport) throws -> Double? {
        report.qber = qber
        let mu = try FiniteKeyLength.statisticalDeviation(keyBits: keyBits, sampleBits: sampleBits, epsilonSecrecy: parameters.epsilonSecrecy)
        report.statisticalDeviation = mu
        let tolerated = parameters.toleratedQBER ?? qber.value
        if qber.value + mu > parameters.qberThreshold {
            report.abortReason = .qberAboveThreshold(qber: qber.value, statisticalDeviation: mu, threshold: parameters.qberThreshold)
            return nil
        }
        if qber.value > tolerated {
            report.abortReason = .qberAboveTolerated(qber: qber.value, toleratedQBER: tolerated)
            return nil
        }
        return tolerated
    }

    /// ℓ of Tomamichel et al. 2012 Eq. (2) for the block as reconciled (``FiniteKeyLength``).
    static func secretLength(report: inout KeyBlockReport, toleratedQBER: Double, parameters: KeyBlockParameters) throws -> Double {
        let length = try FiniteKeyLength.secretLength(keyBits: report.reconciledBits, sampleBits: report.sampleBits, toleratedQBER: toleratedQBER,
                                                      leakedBits: report.leakedBits, epsilonSecrecy: parameters.epsilonSecrecy,
                                                      epsilonCorrectness: report.epsilonCorrectness ?? 1, preparationQuality: parameters.preparationQuality)
        report.secretLengthBits = length
        return length
    }
}
