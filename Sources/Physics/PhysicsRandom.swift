/// The model's seeded random number generator: xoshiro256** seeded through splitmix64.
///
/// Every sampler in Physics takes one of these `inout`, so a run is reproducible bit for bit from
/// its seed. The algorithm is Blackman and Vigna, "Scrambled linear pseudorandom number
/// generators", ACM Trans. Math. Softw. 47, 36 (2021), reference code `xoshiro256starstar.c`;
/// the seed is expanded by splitmix64 (Steele, Lea and Flood, OOPSLA 2014) as its authors advise,
/// so any 64-bit seed, zero included, gives a good state.
public struct PhysicsRandom: RandomNumberGenerator, Sendable {
    @usableFromInline var state0: UInt64
    @usableFromInline var state1: UInt64
    @usableFromInline var state2: UInt64
    @usableFromInline var state3: UInt64

    /// A generator whose whole sequence is fixed by `seed`.
    public init(seed: UInt64) {
        var splitMixState = seed
        func nextSplitMix() -> UInt64 {
            splitMixState &+= 0x9E37_79B9_7F4A_7C15
            var mixed = splitMixState
            mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
            mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
            return mixed ^ (mixed >> 31)
        }
        state0 = nextSplitMix()
        state1 = nextSplitMix()
        state2 = nextSplitMix()
        state3 = nextSplitMix()
    }

    /// The next 64 random bits.
    @inlinable @inline(__always) public mutating func next() -> UInt64 {
        let result = rotateLeft(state1 &* 5, by: 7) &* 9
        let shifted = state1 << 17
        state2 ^= state0
        state3 ^= state1
        state1 ^= state2
        state0 ^= state3
        state2 ^= shifted
        state3 = rotateLeft(state3, by: 45)
        return result
    }

    @inlinable @inline(__always) func rotateLeft(_ value: UInt64, by count: UInt64) -> UInt64 {
        (value << count) | (value >> (64 &- count))
    }
}
