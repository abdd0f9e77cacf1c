/// A small, fast, seeded random number generator: xoshiro256** (Blackman & Vigna, 2018),
/// its state filled from one 64-bit seed by splitmix64.
///
/// Used wherever a result must be reproducible (Monte Carlo error bars, synthetic data in
/// tests and benchmarks). The same seed gives the same sequence on every machine.
public struct Xoshiro256StarStar: RandomNumberGenerator, Sendable {
    @usableFromInline var s0: UInt64
    @usableFromInline var s1: UInt64
    @usableFromInline var s2: UInt64
    @usableFromInline var s3: UInt64

    /// A generator whose state is four outputs of splitmix64 started at `seed`.
    public init(seed: UInt64) {
        var x = seed
        func splitMix64() -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitMix64()
        s1 = splitMix64()
        s2 = splitMix64()
        s3 = splitMix64()
    }

    /// The next 64 random bits.
    @inlinable
    public mutating func next() -> UInt64 {
        let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = s3 << 45 | s3 >> 19
        return result
    }

    /// A uniform double in [0, 1) with 53 random bits.
    /// A uniform draw from `0 ..< upperBound` (`upperBound` > 0), by Lemire's nearly divisionless
    /// method (D. Lemire, "Fast random integer generation in an interval", ACM TOMS 45 (2019),
    /// arXiv:1805.10941) — the standard library's `RandomNumberGenerator.next(upperBound:)`
    /// algorithm, so the draws are the same, but inlined: the generic version is a call per
    /// draw, two per BBM92 cycle.
    @inlinable @inline(__always)
    public mutating func next(upperBound: UInt64) -> UInt64 {
        precondition(upperBound != 0, "upperBound cannot be zero")
        var product = next().multipliedFullWidth(by: upperBound)
        if product.low < upperBound {
            let threshold = (0 &- upperBound) % upperBound
            while product.low < threshold { product = next().multipliedFullWidth(by: upperBound) }
        }
        return product.high
    }

    @inlinable
    public mutating func nextUnitInterval() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }
}
