/// qdot's one seeded random number generator: xoshiro256** (Blackman and Vigna, "Scrambled
/// linear pseudorandom number generators", ACM Trans. Math. Softw. 47, 36 (2021), reference code
/// `xoshiro256starstar.c`, https://prng.di.unimi.it/), its state filled from one 64-bit seed by
/// splitmix64 (Steele, Lea and Flood, OOPSLA 2014) as its authors advise, so any seed, zero
/// included, gives a good state.
///
/// Fast, 256 bits of state, and the same sequence on every machine for a seed: the physics
/// model, the simulated board, the firmware's random analyzer bases and the analysis' Monte
/// Carlo error bars all draw from it, so a seed reproduces a run bit for bit. The model's
/// distributions (Bernoulli, exponential, normal) are in Physics.
public struct Xoshiro256StarStar: RandomNumberGenerator, Sendable {
    @usableFromInline var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

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
        s0 = splitMix64(); s1 = splitMix64(); s2 = splitMix64(); s3 = splitMix64()
    }

    /// The next 64 random bits.
    @inlinable @inline(__always)
    public mutating func next() -> UInt64 {
        let result = Self.rotateLeft(s1 &* 5, by: 7) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = Self.rotateLeft(s3, by: 45)
        return result
    }

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

    /// A uniform double in [0, 1) with the 53 random bits a `Double` can hold.
    @inlinable @inline(__always)
    public mutating func nextUnitInterval() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A generator for an independent stream (one per simulated device), derived from this
    /// one's next output and a stream number, so adding a device does not shift another's draws.
    public func derived(stream: UInt64) -> Xoshiro256StarStar {
        var copy = self
        return Xoshiro256StarStar(seed: copy.next() ^ (stream &* 0xD1B5_4A32_D192_ED03))
    }

    @inlinable @inline(__always)
    static func rotateLeft(_ value: UInt64, by count: UInt64) -> UInt64 {
        (value << count) | (value >> (64 &- count))
    }
}
