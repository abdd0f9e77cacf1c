/// The simulated board's random generator: xoshiro256** seeded through splitmix64.
///
/// Fast, 256 bits of state, and the same sequence on every machine for a seed, so a seed
/// reproduces a simulated run bit for bit. Reference: Blackman & Vigna, "Scrambled linear
/// pseudorandom number generators", ACM TOMS 47 (2021); https://prng.di.unimi.it/.
public struct SimulationRandom: RandomNumberGenerator, Sendable {
    @usableFromInline var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    /// A generator whose whole sequence is fixed by `seed`.
    public init(seed: UInt64) {
        var x = seed
        func splitmix() -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitmix(); s1 = splitmix(); s2 = splitmix(); s3 = splitmix()
    }

    /// The next 64 random bits.
    @inlinable @inline(__always)
    public mutating func next() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    /// A uniform double in [0, 1) with 53 random bits.
    @inlinable @inline(__always)
    public mutating func nextUnitInterval() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// True with probability `probability`.
    @inlinable @inline(__always)
    public mutating func bernoulli(_ probability: Double) -> Bool {
        nextUnitInterval() < probability
    }

    /// A generator for an independent stream (one per device), derived from this one's seed
    /// stream and a stream number, so adding a device does not shift another's draws.
    public func derived(stream: UInt64) -> SimulationRandom {
        var copy = self
        return SimulationRandom(seed: copy.next() ^ (stream &* 0xD1B5_4A32_D192_ED03))
    }

    @usableFromInline @inline(__always)
    func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}
