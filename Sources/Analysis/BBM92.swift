import RealModule

/// BBM92 entanglement-based quantum key distribution (Bennett, Brassard & Mermin, PRL 68, 557
/// (1992)): sifting of per-cycle basis choices and outcomes, QBER per basis, and the asymptotic
/// secret fraction r = 1 − f·h2(E_bit) − h2(E_phase) (Shor–Preskill / Koashi–Preskill bound,
/// e.g. Ma, Fung & Lo, PRA 76, 012307 (2007), Eq. 9), with the error-correction inefficiency f explicit.
public enum BBM92 {
    /// A measurement basis of the protocol.
    public enum Basis: Sendable, Hashable, CustomStringConvertible {
        /// H/V (bit value 0 = H on the + detector).
        case rectilinear
        /// D/A (bit value 0 = D).
        case diagonal

        public var description: String { self == .rectilinear ? "H/V" : "D/A" }
    }

    /// One trigger cycle in which both arms registered exactly one click.
    public struct Detection: Sendable, Hashable {
        /// Arm A's basis.
        public var basisA: Basis
        /// Arm B's basis.
        public var basisB: Basis
        /// Arm A's outcome bit (0 = + detector, 1 = − detector).
        public var bitA: UInt8
        /// Arm B's outcome bit.
        public var bitB: UInt8

        /// A detection record.
        public init(basisA: Basis, basisB: Basis, bitA: UInt8, bitB: UInt8) {
            self.basisA = basisA
            self.basisB = basisB
            self.bitA = bitA
            self.bitB = bitB
        }
    }

    /// Every assumption behind the key figures, returned with the result.
    public struct Assumptions: Sendable, Hashable {
        /// Error-correction inefficiency f ≥ 1 (1 is the Shannon limit; practical codes 1.05–1.2).
        public var errorCorrectionInefficiency: Double
        /// The basis whose errors set the error-correction cost (E_bit); the other gives E_phase.
        public var keyBasis: Basis
        /// Whether outcomes agree (true, e.g. |Φ+> in H/V and D/A) or are opposite (|Ψ−>) in each
        /// basis; a mismatch from the expectation counts as a bit error.
        public var outcomesAgreeRectilinear: Bool
        /// See `outcomesAgreeRectilinear`.
        public var outcomesAgreeDiagonal: Bool
        /// The key length formula is the asymptotic (infinite-key) one: no finite-size correction,
        /// no parameter-estimation sample is set aside, and the error rates are taken at their
        /// measured values (not their upper confidence bounds). Always true here; stated so the
        /// result says so.
        public let asymptoticKeyLength = true
        /// Multi-click cycles are not in the input (the caller drops or assigns them).
        public let singleClickDetectionsOnly = true

        /// The assumptions of a key-rate estimate.
        public init(errorCorrectionInefficiency: Double, keyBasis: Basis = .rectilinear,
                    outcomesAgreeRectilinear: Bool = true, outcomesAgreeDiagonal: Bool = true) {
            self.errorCorrectionInefficiency = errorCorrectionInefficiency
            self.keyBasis = keyBasis
            self.outcomesAgreeRectilinear = outcomesAgreeRectilinear
            self.outcomesAgreeDiagonal = outcomesAgreeDiagonal
        }
    }

    /// The outcome of a BBM92 analysis.
    public struct Result: Sendable, Hashable {
        /// The assumptions used.
        public var assumptions: Assumptions
        /// Detections given (cycles with one click on each arm).
        public var detections: Int
        /// Sifted bits (same basis on both arms), per basis.
        public var siftedRectilinear: Int
        /// See `siftedRectilinear`.
        public var siftedDiagonal: Int
        /// QBER in H/V: errors / sifted, binomial error √(E(1−E)/n), Clopper–Pearson interval
        /// (`ConfidenceInterval.clopperPearson`: exact, never too short, so a QBER of 0 still has
        /// an upper limit above 0).
        public var qberRectilinear: Estimate
        /// QBER in D/A.
        public var qberDiagonal: Estimate
        /// The secret fraction r = max(0, 1 − f·h2(E_bit) − h2(E_phase)) per sifted key-basis bit.
        public var secretFraction: Double
        /// The standard error of `secretFraction` from the two QBERs' binomial errors
        /// (``BBM92/secretFractionStandardError(bitErrorRate:phaseErrorRate:errorCorrectionInefficiency:)``).
        public var secretFractionStandardError: Double
        /// The interval of the secret fraction (``BBM92/secretFractionInterval(bitErrorRate:phaseErrorRate:errorCorrectionInefficiency:)``).
        public var secretFractionInterval: ConfidenceInterval
        /// Secret bits per trigger cycle: r × key-basis sifted bits / cycles.
        public var secretBitsPerCycle: Double
        /// The interval of `secretBitsPerCycle` (``BBM92/keyYieldInterval(fraction:fractionInterval:keyBits:per:)``).
        public var secretBitsPerCycleInterval: ConfidenceInterval
        /// Secret bits per second, when the acquisition time was given.
        public var secretKeyRateBitsPerSecond: Double?
        /// The standard error of `secretKeyRateBitsPerSecond`: with K key-basis sifted bits in T
        /// seconds, rate = r·K/T and σ² = (K/T)²·σ_r² + (r/T)²·K (σ_r from the QBERs, Poisson on K;
        /// the QBERs come from other bits than K's count, so the two terms are independent).
        public var secretKeyRateStandardErrorBitsPerSecond: Double?
        /// The interval of `secretKeyRateBitsPerSecond`, when the acquisition time was given.
        public var secretKeyRateInterval: ConfidenceInterval?
    }

    /// The binary entropy h2(p) = −p log2 p − (1−p) log2(1−p), with h2(0) = h2(1) = 0.
    public static func binaryEntropy(_ p: Double) -> Double {
        guard p > 0, p < 1 else { return 0 }
        return -p * Double.log2(p) - (1 - p) * Double.log2(1 - p)
    }

    /// The asymptotic secret fraction max(0, 1 − f·h2(E_bit) − h2(E_phase)). Throws for QBERs
    /// outside [0, 1] or f < 1.
    public static func secretFraction(bitErrorRate: Double, phaseErrorRate: Double,
                                      errorCorrectionInefficiency f: Double) throws(AnalysisError) -> Double {
        for (name, value) in [("bit error rate", bitErrorRate), ("phase error rate", phaseErrorRate)] {
            guard value.isFinite, value >= 0, value <= 1 else {
                throw .invalidParameter(name: name, value: "\(value)", expected: "0 … 1")
            }
        }
        guard f.isFinite, f >= 1 else {
            throw .invalidParameter(name: "error-correction inefficiency f", value: "\(f)", expected: "≥ 1")
        }
        return max(0, 1 - f * binaryEntropy(bitErrorRate) - binaryEntropy(phaseErrorRate))
    }

    /// The standard error of the secret fraction r = 1 − f·h2(E_bit) − h2(E_phase) from the
    /// errors of the two QBER estimates, propagated to first order (they come from disjoint sifted
    /// bits, so they add in quadrature): σ_r² = (f·h2′(E_bit)·σ_bit)² + (h2′(E_phase)·σ_phase)²,
    /// with h2′(e) = log2((1 − e)/e). It is the error of the unclamped expression, also where r
    /// is clamped to 0, so that near the threshold it says how far from zero r could be. A QBER of
    /// exactly 0 or 1 has no binomial error (and h2′ is infinite there): it adds nothing.
    public static func secretFractionStandardError(bitErrorRate: Estimate, phaseErrorRate: Estimate,
                                                   errorCorrectionInefficiency f: Double) -> Double {
        func term(_ e: Estimate) -> Double {
            guard e.value > 0, e.value < 1, e.standardError > 0 else { return 0 }
            return Double.log2((1 - e.value) / e.value) * e.standardError
        }
        let bit = f * term(bitErrorRate), phase = term(phaseErrorRate)
        return (bit * bit + phase * phase).squareRoot()
    }

    /// The interval of the secret fraction r = max(0, 1 − f·h2(E_bit) − h2(E_phase)) from the two
    /// QBERs' intervals: each QBER's interval is carried through h2 (concave: its smallest value
    /// on an interval is at an end, its largest at ½ when the interval holds ½, else at an end),
    /// the two terms combined by MOVER (`ConfidenceInterval.mover`; the QBERs come from disjoint
    /// sifted bits, so they are independent), and the result clipped to r's range [0, 1]. At QBERs
    /// of 0 the upper limit is 1 and the lower limit is set by the QBERs' upper limits; where r is
    /// clamped to 0 the lower limit is 0. Nil when a QBER has no interval.
    public static func secretFractionInterval(bitErrorRate: Estimate, phaseErrorRate: Estimate,
                                              errorCorrectionInefficiency f: Double) -> ConfidenceInterval? {
        guard let bit = bitErrorRate.interval, let phase = phaseErrorRate.interval else { return nil }
        func entropy(_ e: Estimate, _ interval: ConfidenceInterval) -> ConfidenceInterval.Term {
            let atEnds = (binaryEntropy(interval.lower), binaryEntropy(interval.upper))
            let upper = interval.lower <= 0.5 && interval.upper >= 0.5 ? 1 : max(atEnds.0, atEnds.1)
            return .init(weight: 1, estimate: binaryEntropy(e.value), interval: ConfidenceInterval(
                lower: min(atEnds.0, atEnds.1), upper: upper, confidenceLevel: interval.confidenceLevel, method: interval.method))
        }
        var bitTerm = entropy(bitErrorRate, bit), phaseTerm = entropy(phaseErrorRate, phase)
        bitTerm.weight = -f
        phaseTerm.weight = -1
        return ConfidenceInterval.mover(
            [bitTerm, phaseTerm], constant: 1,
            method: "MOVER (Zou & Donner, Stat. Med. 27, 1693 (2008)) from the QBERs' Clopper–Pearson intervals (Clopper & Pearson, Biometrika 26, 404 (1934)) carried through h2, clipped to [0, 1]")
            .clipped(to: 0...1)
    }

    /// The interval of a key yield r·K/D (secret bits per second with D the acquisition time, or
    /// per cycle with D the cycles) from r's interval and the Poisson score interval of the K
    /// key-basis sifted bits (`ConfidenceInterval.poissonScore`), independent of r's (r comes from
    /// the QBERs): MOVER on the product taken to first order, r·K ≈ r̂K̂ + (r − r̂)K̂ + r̂(K − K̂),
    /// whose two terms are independent, then clipped at 0. At r = 0 the lower limit is 0.
    public static func keyYieldInterval(fraction: Double, fractionInterval: ConfidenceInterval, keyBits: Double,
                                        per denominator: Double) throws(AnalysisError) -> ConfidenceInterval {
        let bits = try ConfidenceInterval.poissonScore(count: keyBits)
        let terms: [ConfidenceInterval.Term] = [
            .init(weight: keyBits / denominator, estimate: fraction, interval: fractionInterval),
            .init(weight: fraction / denominator, estimate: keyBits, interval: bits),
        ]
        // The two terms' estimates sum to twice r̂K̂/D; the constant brings the sum back to r̂K̂/D.
        return ConfidenceInterval.mover(
            terms, constant: -fraction * keyBits / denominator,
            method: "MOVER (Zou & Donner, Stat. Med. 27, 1693 (2008)) on r × K to first order, from r's interval and K's Poisson score interval (Barker, Commun. Stat. Simul. Comput. 31, 7 (2002)), clipped at 0")
            .clipped(to: 0...Double.greatestFiniteMagnitude)
    }

    /// Sifts the detections, estimates the QBER in each basis and the secret key rate.
    /// `triggerCycles` is the number of cycles the detections came from (for bits per cycle);
    /// `acquisitionTimeSeconds`, when given, turns it into bits per second.
    public static func analyze(_ detections: [Detection], triggerCycles: Int, acquisitionTimeSeconds: Double? = nil,
                               assumptions: Assumptions) throws(AnalysisError) -> Result {
        try analyze(try DetectionTally(detections), triggerCycles: triggerCycles, acquisitionTimeSeconds: acquisitionTimeSeconds,
                    assumptions: assumptions)
    }

    /// `analyze(_:triggerCycles:acquisitionTimeSeconds:assumptions:)` from the detections' counts.
    public static func analyze(_ tally: DetectionTally, triggerCycles: Int, acquisitionTimeSeconds: Double? = nil,
                               assumptions: Assumptions) throws(AnalysisError) -> Result {
        let detectionCount = tally.total
        guard triggerCycles > 0 else {
            throw .invalidParameter(name: "trigger cycles", value: "\(triggerCycles)", expected: "> 0")
        }
        guard detectionCount <= triggerCycles else {
            throw .mismatchedSettings(detail: "\(detectionCount) detections from only \(triggerCycles) trigger cycles")
        }
        if let acquisitionTimeSeconds, !(acquisitionTimeSeconds.isFinite && acquisitionTimeSeconds > 0) {
            throw .invalidParameter(name: "acquisition time (s)", value: "\(acquisitionTimeSeconds)", expected: "> 0")
        }
        var sifted = (rectilinear: 0, diagonal: 0)
        var errors = (rectilinear: 0, diagonal: 0)
        for basis in [Basis.rectilinear, .diagonal] {
            let agreeing = basis == .rectilinear ? assumptions.outcomesAgreeRectilinear : assumptions.outcomesAgreeDiagonal
            for bitA in 0...1 {
                for bitB in 0...1 {
                    let count = tally.count(basis, basis, bitA: bitA, bitB: bitB)
                    let error = (bitA == bitB) != agreeing
                    if basis == .rectilinear {
                        sifted.rectilinear += count
                        if error { errors.rectilinear += count }
                    } else {
                        sifted.diagonal += count
                        if error { errors.diagonal += count }
                    }
                }
            }
        }
        guard sifted.rectilinear > 0 else {
            throw .emptySetting(location: "BBM92 H/V basis", detail: "no sifted bits; the QBER is undefined")
        }
        guard sifted.diagonal > 0 else {
            throw .emptySetting(location: "BBM92 D/A basis", detail: "no sifted bits; the QBER is undefined")
        }
        func qber(_ errors: Int, _ sifted: Int) throws(AnalysisError) -> Estimate {
            let e = Double(errors) / Double(sifted)
            return Estimate(value: e, standardError: (e * (1 - e) / Double(sifted)).squareRoot(),
                            interval: try ConfidenceInterval.clopperPearson(successes: Double(errors), trials: Double(sifted)))
        }
        let rectilinear = try qber(errors.rectilinear, sifted.rectilinear)
        let diagonal = try qber(errors.diagonal, sifted.diagonal)
        let keyIsRectilinear = assumptions.keyBasis == .rectilinear
        let fraction = try secretFraction(bitErrorRate: keyIsRectilinear ? rectilinear.value : diagonal.value,
                                          phaseErrorRate: keyIsRectilinear ? diagonal.value : rectilinear.value,
                                          errorCorrectionInefficiency: assumptions.errorCorrectionInefficiency)
        let fractionError = secretFractionStandardError(
            bitErrorRate: keyIsRectilinear ? rectilinear : diagonal, phaseErrorRate: keyIsRectilinear ? diagonal : rectilinear,
            errorCorrectionInefficiency: assumptions.errorCorrectionInefficiency)
        let keyBits = Double(keyIsRectilinear ? sifted.rectilinear : sifted.diagonal)
        let perCycle = fraction * keyBits / Double(triggerCycles)
        guard let fractionInterval = secretFractionInterval(
            bitErrorRate: keyIsRectilinear ? rectilinear : diagonal, phaseErrorRate: keyIsRectilinear ? diagonal : rectilinear,
            errorCorrectionInefficiency: assumptions.errorCorrectionInefficiency) else {
            throw .invalidParameter(name: "QBER interval", value: "none", expected: "one per basis")
        }
        let perCycleInterval = try keyYieldInterval(fraction: fraction, fractionInterval: fractionInterval, keyBits: keyBits,
                                                    per: Double(triggerCycles))
        var rateInterval: ConfidenceInterval?
        if let acquisitionTimeSeconds {
            rateInterval = try keyYieldInterval(fraction: fraction, fractionInterval: fractionInterval, keyBits: keyBits,
                                                per: acquisitionTimeSeconds)
        }
        let rateError = acquisitionTimeSeconds.map { seconds in
            let fromFraction = keyBits / seconds * fractionError, fromCount = fraction / seconds * keyBits.squareRoot()
            return (fromFraction * fromFraction + fromCount * fromCount).squareRoot()
        }
        return Result(assumptions: assumptions, detections: detectionCount, siftedRectilinear: sifted.rectilinear,
                      siftedDiagonal: sifted.diagonal, qberRectilinear: rectilinear, qberDiagonal: diagonal,
                      secretFraction: fraction, secretFractionStandardError: fractionError,
                      secretFractionInterval: fractionInterval, secretBitsPerCycle: perCycle,
                      secretBitsPerCycleInterval: perCycleInterval,
                      secretKeyRateBitsPerSecond: acquisitionTimeSeconds.map { fraction * keyBits / $0 },
                      secretKeyRateStandardErrorBitsPerSecond: rateError, secretKeyRateInterval: rateInterval)
    }
}
