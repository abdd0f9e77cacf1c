import Analysis
import RealModule

/// The secret key length of one block with the finite-key bound of M. Tomamichel, C. C. W. Lim,
/// N. Gisin and R. Renner, "Tight finite-key analysis for quantum cryptography", Nat. Commun. 3,
/// 634 (2012) (arXiv:1103.4130), Theorem 2, Eq. (2): a protocol that keeps n bits for the key,
/// samples k bits for the error rate, and passes only when the sampled QBER is ≤ Q_tol, is
/// ε_cor-correct (Theorem 1, through the verification hash) and ε_sec-secret (against general
/// attacks) when the key is shortened to
///
///     ℓ ≤ n·(q − h(Q_tol + μ)) − leak_EC − log₂(2 / (ε_sec²·ε_cor)),
///     μ = √( (n + k)/(n·k) · (k + 1)/k · ln(4/ε_sec) ),
///
/// h the binary entropy, q the preparation quality (q = log₂(1/c), c the largest overlap of the
/// two bases' states; q = 1 for ideal BBM92 / BB84 bases), leak_EC every bit error correction
/// disclosed (here also the verification tag, which the paper's log₂(1/ε_cor) term already pays
/// for: counted twice, about 46 bits, on the safe side). μ bounds how far the unsampled bits' error
/// rate can exceed the sampled one (Serfling's bound for sampling without replacement, the
/// paper's Supplementary Note 2). As n, k → ∞ with f = 1 the rate ℓ/n tends to 1 − 2h(Q), as the
/// paper's Discussion notes (Shor and Preskill's asymptotic rate).
public enum FiniteKeyLength {
    /// μ of Eq. (2). Throws for n or k < 1 or ε_sec outside (0, 1).
    public static func statisticalDeviation(keyBits n: Int, sampleBits k: Int, epsilonSecrecy: Double) throws(KeyDistillationError) -> Double {
        guard n >= 1, k >= 1 else {
            throw .invalidParameter(name: "finite-key sizes", value: "n = \(n), k = \(k)", expected: "n ≥ 1 and k ≥ 1")
        }
        try checkEpsilon(epsilonSecrecy, "ε_sec")
        let nk = Double(n), kk = Double(k)
        return ((nk + kk) / (nk * kk) * (kk + 1) / kk * Double.log(4 / epsilonSecrecy)).squareRoot()
    }

    /// ℓ of Eq. (2) as a real number (negative when no key can be extracted).
    /// Throws for sizes, QBER, leakage, ε or q out of range.
    public static func secretLength(keyBits n: Int, sampleBits k: Int, toleratedQBER: Double, leakedBits: Int,
                                    epsilonSecrecy: Double, epsilonCorrectness: Double,
                                    preparationQuality q: Double = 1) throws(KeyDistillationError) -> Double {
        guard toleratedQBER.isFinite, toleratedQBER >= 0, toleratedQBER <= 0.5 else {
            throw .invalidParameter(name: "tolerated QBER", value: "\(toleratedQBER)", expected: "0 … 0.5")
        }
        guard leakedBits >= 0 else { throw .invalidParameter(name: "leaked bits", value: "\(leakedBits)", expected: "≥ 0") }
        guard q.isFinite, q > 0, q <= 1 else { throw .invalidParameter(name: "preparation quality q", value: "\(q)", expected: "0 < q ≤ 1") }
        try checkEpsilon(epsilonCorrectness, "ε_cor")
        let mu = try statisticalDeviation(keyBits: n, sampleBits: k, epsilonSecrecy: epsilonSecrecy)
        let entropy = toleratedQBER + mu >= 0.5 ? 1 : BBM92.binaryEntropy(toleratedQBER + mu)
        return Double(n) * (q - entropy) - Double(leakedBits)
            - Double.log2(2 / (epsilonSecrecy * epsilonSecrecy * epsilonCorrectness))
    }

    /// ⌊ℓ⌋, or 0 when ℓ < 1.
    public static func secretBits(keyBits n: Int, sampleBits k: Int, toleratedQBER: Double, leakedBits: Int,
                                  epsilonSecrecy: Double, epsilonCorrectness: Double,
                                  preparationQuality q: Double = 1) throws(KeyDistillationError) -> Int {
        let length = try secretLength(keyBits: n, sampleBits: k, toleratedQBER: toleratedQBER, leakedBits: leakedBits,
                                      epsilonSecrecy: epsilonSecrecy, epsilonCorrectness: epsilonCorrectness, preparationQuality: q)
        return length >= 1 ? Int(length.rounded(.down)) : 0
    }

    static func checkEpsilon(_ value: Double, _ name: String) throws(KeyDistillationError) {
        guard value.isFinite, value > 0, value < 1 else {
            throw .invalidParameter(name: name, value: "\(value)", expected: "0 < ε < 1")
        }
    }
}
