import Physics
import SeededRandom
import Testing

/// ``Picoseconds/rounded(_:)`` rounds half away from zero with saturation, and its branch-free
/// sign and its single saturating comparison give exactly what the branching formula it replaced
/// gave (issue 16), edge cases and all (0.49999999999999994 + 0.5 is 1 in floating point, so both
/// give 1 there).
@Suite struct PicosecondsTests {
    /// The formula before issue 16: ⌊delay + ½⌋ toward zero for delay ≥ 0, −⌊½ − delay⌋ below.
    static func branchingRounded(_ delay: Double) -> Int64 {
        if delay >= Double(Picoseconds.never) { return Picoseconds.never }
        if delay <= -Double(Picoseconds.never) { return -Picoseconds.never }
        if delay.isNaN { return Picoseconds.never }
        return delay >= 0 ? Int64(delay + 0.5) : -Int64(0.5 - delay)
    }

    @Test func edgeCasesRoundHalfAwayFromZeroAndSaturate() {
        #expect(Picoseconds.rounded(0.5) == 1)
        #expect(Picoseconds.rounded(-0.5) == -1)
        #expect(Picoseconds.rounded(1.4999) == 1)
        #expect(Picoseconds.rounded(-2.5) == -3)
        #expect(Picoseconds.rounded(-0.0) == 0)
        #expect(Picoseconds.rounded(.infinity) == Picoseconds.never)
        #expect(Picoseconds.rounded(-.infinity) == -Picoseconds.never)
        #expect(Picoseconds.rounded(.nan) == Picoseconds.never)
        let edges: [Double] = [0, -0.0, 0.49999999999999994, -0.49999999999999994, 0.5.nextDown, -0.5.nextDown,
                               1.5, -1.5, 0x1p52 + 1, -(0x1p52 + 1), Double(Picoseconds.never).nextDown,
                               -Double(Picoseconds.never).nextDown, .leastNonzeroMagnitude, -.leastNonzeroMagnitude,
                               // The one comparison that saturates (issue 16) against the three it replaced.
                               Double(Picoseconds.never), -Double(Picoseconds.never), Double(Picoseconds.never).nextUp,
                               -Double(Picoseconds.never).nextUp, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
                               .infinity, -.infinity, -.nan]
        for delay in edges { #expect(Picoseconds.rounded(delay) == Self.branchingRounded(delay), "\(delay)") }
    }

    @Test func jitterLikeDelaysRoundAsTheBranchingFormula() {
        var rng = Xoshiro256StarStar(seed: 0x16)
        for _ in 0..<50_000 {
            let delay = 40 * rng.nextStandardNormal() + (rng.nextUnitInterval() - 0.5) * 1e-3
            #expect(Picoseconds.rounded(delay) == Self.branchingRounded(delay))
            let halfway = Double(Int64(rng.next() >> 40)) - 1e6 + 0.5
            #expect(Picoseconds.rounded(halfway) == Self.branchingRounded(halfway))
        }
    }
}
