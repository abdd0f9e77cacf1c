@testable import Physics
import RealModule
import SeededRandom
import Testing

/// The ziggurat normal sampler against the normal law itself: the probability of each of a set of
/// intervals, Φ(b) − Φ(a) with Φ(x) = ½ erfc(−x/√2), both tails beyond the ziggurat's last layer
/// (|x| > r ≈ 3.4426) included, and the first four moments (0, 1, 0, 3). Error: binomial
/// √(N p(1 − p)) per interval count; √(k/N) for a moment whose variance is k (Var X = 1,
/// Var X² = 2, Var X³ = 15, Var X⁴ = 96); within 4 of them.
@Suite struct NormalZigguratTests {
    @Test func intervalProbabilitiesFollowTheNormalLaw() {
        var rng = Xoshiro256StarStar(seed: 0x6A55)
        let count = 400_000
        let edges: [Double] = [-.infinity, -3.4426, -3, -2, -1, -0.5, -0.05, 0, 0.05, 0.5, 1, 2, 3, 3.4426, 4, .infinity]
        var counts = [Int](repeating: 0, count: edges.count - 1)
        var moments = [0.0, 0.0, 0.0, 0.0]
        for _ in 0..<count {
            let x = rng.nextStandardNormal()
            #expect(x.isFinite)
            var power = 1.0
            for k in 0..<4 { power *= x; moments[k] += power }
            counts[edges.firstIndex { $0 > x }! - 1] += 1
        }
        func cumulative(_ x: Double) -> Double {
            x == .infinity ? 1 : x == -.infinity ? 0 : 0.5 * Double.erfc(-x / 2.0.squareRoot())
        }
        let n = Double(count)
        for (index, observed) in counts.enumerated() {
            let p = cumulative(edges[index + 1]) - cumulative(edges[index])
            let expected = n * p
            #expect(abs(Double(observed) - expected) <= 4 * (n * p * (1 - p)).squareRoot(),
                    "[\(edges[index]), \(edges[index + 1])): \(observed), expected \(expected)")
        }
        for (k, (expected, variance)) in [(0.0, 1.0), (1, 2), (0, 15), (3, 96)].enumerated() {
            #expect(abs(moments[k] / n - expected) <= 4 * (variance / n).squareRoot(), "moment \(k + 1)")
        }
    }

    @Test func bothTailsAreReachedSymmetrically() {
        // P(|X| > 3.4426) = 5.76e-4: about 230 of 400 000 draws, split evenly between the signs.
        var rng = Xoshiro256StarStar(seed: 7)
        var below = 0, above = 0
        for _ in 0..<400_000 {
            let x = rng.nextStandardNormal()
            if x < -NormalTail.start { below += 1 } else if x > NormalTail.start { above += 1 }
        }
        let expected = 400_000 * 0.5 * Double.erfc(NormalTail.start / 2.0.squareRoot())
        #expect(abs(Double(below) - expected) <= 4 * expected.squareRoot())
        #expect(abs(Double(above) - expected) <= 4 * expected.squareRoot())
    }

    enum NormalTail { static let start = 3.442619855899 }
}

/// The literal tables the sampler reads are exactly the ones the ziggurat construction derives,
/// bit for bit.
@Suite struct NormalZigguratTablesTests {
    @Test func literalTablesEqualTheDerivedOnes() {
        let derived = NormalZiggurat.derivedLayers
        #expect(NormalZigguratTables.acceptBelow == derived.acceptBelow)
        #expect(NormalZigguratTables.widthScale.map(\.bitPattern) == derived.widthScale.map(\.bitPattern))
        #expect(NormalZigguratTables.heights.map(\.bitPattern) == derived.heights.map(\.bitPattern))
    }
}
