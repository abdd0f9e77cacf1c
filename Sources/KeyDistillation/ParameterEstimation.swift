import SeededRandom

/// Parameter estimation: both parties disclose their bits at the same random sample of positions
/// of the sifted key, count the disagreements (the QBER estimate) and remove those positions from
/// the key. The positions come from a seed Alice chooses and sends in her ``SampleDisclosure``.
public enum ParameterEstimation {
    /// k distinct positions of 0 ..< keyLength, uniform (a partial Fisher–Yates shuffle driven by
    /// `Xoshiro256StarStar(seed:)`), sorted ascending. Both parties get the same list from the seed.
    public static func samplePositions(seed: UInt64, sampleSize: Int, keyLength: Int) throws(KeyDistillationError) -> [Int] {
        guard keyLength >= 0, sampleSize >= 1, sampleSize < keyLength else {
            throw .invalidParameter(name: "sample size", value: "\(sampleSize) of a \(keyLength)-bit sifted key",
                                    expected: "1 ≤ sample < key length (bits must remain for the key)")
        }
        var generator = Xoshiro256StarStar(seed: seed)
        var pool = Array(0..<keyLength)
        for draw in 0..<sampleSize {
            let pick = draw + Int(generator.next(upperBound: UInt64(keyLength - draw)))
            pool.swapAt(draw, pick)
        }
        return pool[0..<sampleSize].sorted()
    }

    /// The sample size for a sifted key of `keyLength` bits: ⌈fraction·keyLength⌉, at least 1.
    public static func sampleSize(fraction: Double, keyLength: Int) throws(KeyDistillationError) -> Int {
        guard fraction.isFinite, fraction > 0, fraction < 1 else {
            throw .invalidParameter(name: "sample fraction", value: "\(fraction)", expected: "0 < fraction < 1")
        }
        return max(1, Int((fraction * Double(keyLength)).rounded(.up)))
    }

    /// The disclosing side's message (Alice): her bits at the positions `seed` picks.
    public static func disclose(key: BitString, seed: UInt64, sampleSize: Int) throws(KeyDistillationError) -> SampleDisclosure {
        let positions = try samplePositions(seed: seed, sampleSize: sampleSize, keyLength: key.count)
        return SampleDisclosure(seed: seed, keyLength: key.count, bits: key.gathering(positions))
    }

    /// The answering side's message (Bob): his bits at the positions of `peer`'s seed. Throws
    /// when the peer's key length is not his.
    public static func answer(_ peer: SampleDisclosure, key: BitString) throws(KeyDistillationError) -> SampleDisclosure {
        try checkLength(peer, key)
        return try disclose(key: key, seed: peer.seed, sampleSize: peer.bits.count)
    }

    /// The QBER from the two disclosures (either order); throws when they are not of the same sample.
    public static func estimate(own: SampleDisclosure, peer: SampleDisclosure) throws(KeyDistillationError) -> QBEREstimate {
        guard own.seed == peer.seed, own.keyLength == peer.keyLength, own.bits.count == peer.bits.count else {
            throw .protocolMismatch(step: "parameter estimation",
                                    detail: "samples differ: seed \(own.seed) vs \(peer.seed), key \(own.keyLength) vs \(peer.keyLength) bits, sample \(own.bits.count) vs \(peer.bits.count) bits")
        }
        return try QBEREstimate(errors: own.bits.hammingDistance(to: peer.bits), sampleBits: own.bits.count)
    }

    /// The key without the disclosed positions (what goes on to error correction).
    public static func remainingKey(_ key: BitString, after disclosure: SampleDisclosure) throws(KeyDistillationError) -> BitString {
        try checkLength(disclosure, key)
        let positions = try samplePositions(seed: disclosure.seed, sampleSize: disclosure.bits.count, keyLength: key.count)
        return key.removing(sortedPositions: positions)
    }

    static func checkLength(_ disclosure: SampleDisclosure, _ key: BitString) throws(KeyDistillationError) {
        guard disclosure.keyLength == key.count else {
            throw .protocolMismatch(step: "parameter estimation", detail: "peer's sifted key has \(disclosure.keyLength) bits, this side's \(key.count)")
        }
    }
}
