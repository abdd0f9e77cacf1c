import Analysis
import Testing

/// The generator's own bounded draw must give exactly the standard library's draws: a BBM92
/// record's basis choices depend on them, and a seed must reproduce a run whichever is called.
@Suite struct Xoshiro256StarStarTests {
    /// The standard library's `RandomNumberGenerator.next(upperBound:)` (called generically, so
    /// the protocol extension's version runs, not the generator's own).
    static func standardLibraryDraw<Generator: RandomNumberGenerator>(_ generator: inout Generator, below bound: UInt64) -> UInt64 {
        generator.next(upperBound: bound)
    }

    @Test(arguments: [UInt64(1), 2, 3, 5, 7, 1_000, 4_294_967_297, 9_223_372_036_854_775_809, 18_446_744_073_709_551_614])
    func boundedDrawsMatchTheStandardLibrary(bound: UInt64) {
        var own = Xoshiro256StarStar(seed: 42)
        var reference = Xoshiro256StarStar(seed: 42)
        for _ in 0..<10_000 {
            let draw = own.next(upperBound: bound)
            #expect(draw < bound)
            #expect(draw == Self.standardLibraryDraw(&reference, below: bound))
        }
        // Both consumed the same raw outputs (rejections included).
        #expect(own.next() == reference.next())
    }
}
