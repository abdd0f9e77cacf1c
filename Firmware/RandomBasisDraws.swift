public import SeededRandom
public import Vocabulary

/// The random basis choices of a schedule's random-basis steps, drawn in the order the firmware
/// draws them: one draw for arm A, then one for arm B, for every cycle that fires, seeded by the
/// schedule's `basisSeed`. The cycle loop draws with it, and an analysis that was not given every
/// cycle's codes (a time tagger's file next to the run record) replays it to know them.
public struct RandomBasisDraws: Sendable {
    @usableFromInline var generator: Xoshiro256StarStar

    /// The draws of a schedule with `basisSeed`.
    public init(basisSeed: UInt64) {
        generator = Xoshiro256StarStar(seed: basisSeed)
    }

    /// The next cycle's choice: the index of arm A's code among `countA` candidates, then arm B's
    /// among `countB`.
    @inlinable @inline(__always)
    public mutating func next(countA: Int, countB: Int) -> (a: Int, b: Int) {
        let a = Int(generator.next(upperBound: UInt64(countA)))
        let b = Int(generator.next(upperBound: UInt64(countB)))
        return (a, b)
    }

    /// The next cycle's codes for `choice`.
    @inlinable
    public mutating func next(_ choice: RandomBasisChoice) -> BasisCodes {
        let (a, b) = next(countA: choice.codesA.count, countB: choice.codesB.count)
        return BasisCodes(armA: choice.codesA[a], armB: choice.codesB[b])
    }
}
