@testable import Physics
import RealModule
import SeededRandom
import Testing

/// The ziggurat exponential sampler against the exponential law itself: the probability of each
/// of a set of intervals (e^{−a} − e^{−b}), the tail beyond the ziggurat's last layer
/// (r ≈ 7.697) included, and the first two moments. Error: binomial √(N p(1 − p)) per interval
/// count, √(1/N) and √(20/N) for the mean and second moment (Var X = 1, Var X² = 20); within 4.
@Suite struct ExponentialZigguratTests {
    @Test func intervalProbabilitiesFollowTheExponentialLaw() {
        var rng = Xoshiro256StarStar(seed: 0x2166)
        let count = 400_000
        let edges: [Double] = [0, 0.01, 0.1, 0.5, 1, 2, 3, 5, 7, 7.697, 9, .infinity]
        var counts = [Int](repeating: 0, count: edges.count - 1)
        var sum = 0.0, sumOfSquares = 0.0
        for _ in 0..<count {
            let x = rng.nextStandardExponential()
            #expect(x >= 0 && x.isFinite)
            sum += x
            sumOfSquares += x * x
            counts[edges.firstIndex { $0 > x }! - 1] += 1
        }
        let n = Double(count)
        for (index, observed) in counts.enumerated() {
            let p = Double.exp(-edges[index]) - (edges[index + 1].isFinite ? Double.exp(-edges[index + 1]) : 0)
            let expected = n * p
            #expect(abs(Double(observed) - expected) <= 4 * (n * p * (1 - p)).squareRoot(),
                    "[\(edges[index]), \(edges[index + 1])): \(observed), expected \(expected)")
        }
        #expect(abs(sum / n - 1) <= 4 * (1 / n).squareRoot())
        #expect(abs(sumOfSquares / n - 2) <= 4 * (20 / n).squareRoot())
    }
}

/// The literal tables the sampler reads are exactly the ones the ziggurat construction derives,
/// bit for bit.
@Suite struct ExponentialZigguratTablesTests {
    @Test func literalTablesEqualTheDerivedOnes() {
        let derived = ExponentialZiggurat.derivedLayers
        #expect(ExponentialZigguratTables.acceptBelow == derived.acceptBelow)
        #expect(ExponentialZigguratTables.widthScale.map(\.bitPattern) == derived.widthScale.map(\.bitPattern))
        #expect(ExponentialZigguratTables.heights.map(\.bitPattern) == derived.heights.map(\.bitPattern))
    }
}
