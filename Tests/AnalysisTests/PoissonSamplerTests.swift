import Analysis
import SeededRandom
import Testing

@Suite struct PoissonSamplerTests {
    /// Sample mean and variance of 20 000 draws agree with λ within 5 standard errors
    /// (SE of the mean √(λ/n); SE of the variance ≈ λ√(2/n) for large λ, √((λ + 2λ²)/n) in general).
    @Test(arguments: [0.3, 4.0, 9.9, 10.0, 37.5, 1_000.0, 20_000.0])
    func meanAndVarianceMatchTheMean(lambda: Double) throws {
        var generator = Xoshiro256StarStar(seed: 7)
        let n = 20_000
        var sum = 0.0, sumSquares = 0.0
        for _ in 0..<n {
            let k = Double(try PoissonSampler.sample(mean: lambda, using: &generator))
            sum += k
            sumSquares += k * k
        }
        let mean = sum / Double(n)
        let variance = sumSquares / Double(n) - mean * mean
        #expect(abs(mean - lambda) < 5 * (lambda / Double(n)).squareRoot())
        #expect(abs(variance - lambda) < 5 * ((lambda + 2 * lambda * lambda) / Double(n)).squareRoot())
    }

    @Test func sameSeedSameSequence() throws {
        var a = Xoshiro256StarStar(seed: 42), b = Xoshiro256StarStar(seed: 42)
        for _ in 0..<100 { #expect(a.next() == b.next()) }
        #expect(try PoissonSampler.sample(mean: 0, using: &a) == 0)
        #expect(throws: AnalysisError.self) { try PoissonSampler.sample(mean: -1, using: &a) }
        #expect(throws: AnalysisError.self) { try PoissonSampler.sample(mean: .nan, using: &a) }
    }
}
