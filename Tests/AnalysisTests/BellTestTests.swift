import Vocabulary
import Analysis
import RealModule
import SeededRandom
import Testing

@Suite struct BellTestTests {
    /// Exact (non-integer-rounded) Born-rule counts scaled large so rounding is below 1e-9 relative.
    static func counts(_ rho: DensityMatrix, _ a: AnalyzerBasis, _ b: AnalyzerBasis, pairs: Double) throws -> SettingCounts {
        func n(_ x: PolarizationProjection, _ y: PolarizationProjection) -> Int { Int((pairs * rho.probability(x, y)).rounded()) }
        return SettingCounts(coincidences: PerPair(n(try a.plus(), try b.plus()), n(try a.plus(), try b.minus()),
                                                   n(try a.minus(), try b.plus()), n(try a.minus(), try b.minus())))
    }

    @Test func correlationAndItsPoissonError() throws {
        let counts = SettingCounts(coincidences: PerPair(900, 100, 50, 950))
        let e = try counts.correlation()
        #expect(abs(e.value - 0.85) < 1e-15)
        #expect(abs(e.standardError - ((1 - 0.85 * 0.85) / 2_000).squareRoot()) < 1e-15)
        // Accidental subtraction raises the visibility; the error still comes from the raw counts.
        var withAccidentals = counts
        withAccidentals.accidentals = PerPair(repeating: 25)
        #expect(try withAccidentals.correlation().value > e.value)
    }

    @Test func chshAndFidelityMatchClosedForms() throws {
        let pairs = 1e13
        for p in [1.0, 0.7] {
            let rho = try DensityMatrix.werner(visibility: p)
            let s = try BellTest.chsh(
                ab: Self.counts(rho, .linear(degrees: 0), .linear(degrees: 22.5), pairs: pairs),
                abPrime: Self.counts(rho, .linear(degrees: 0), .linear(degrees: 67.5), pairs: pairs),
                aPrimeB: Self.counts(rho, .linear(degrees: 45), .linear(degrees: 22.5), pairs: pairs),
                aPrimeBPrime: Self.counts(rho, .linear(degrees: 45), .linear(degrees: 67.5), pairs: pairs))
            #expect(abs(s.value - 2 * 2.0.squareRoot() * p) < 1e-9)
            let f = try BellTest.fidelity(to: .phiPlus,
                                          horizontalVertical: Self.counts(rho, .horizontalVertical, .horizontalVertical, pairs: pairs),
                                          diagonalAntidiagonal: Self.counts(rho, .diagonalAntidiagonal, .diagonalAntidiagonal, pairs: pairs),
                                          rightLeft: Self.counts(rho, .rightLeft, .rightLeft, pairs: pairs))
            #expect(abs(f.value - (1 + 3 * p) / 4) < 1e-9)
        }
        // Ψ− from its own correlations.
        let singlet = DensityMatrix(bell: .psiMinus)
        let f = try BellTest.fidelity(to: .psiMinus,
                                      horizontalVertical: Self.counts(singlet, .horizontalVertical, .horizontalVertical, pairs: 1e12),
                                      diagonalAntidiagonal: Self.counts(singlet, .diagonalAntidiagonal, .diagonalAntidiagonal, pairs: 1e12),
                                      rightLeft: Self.counts(singlet, .rightLeft, .rightLeft, pairs: 1e12))
        #expect(abs(f.value - 1) < 1e-9)
    }

    @Test func chshOfPoissonCountsIsWithinItsError() throws {
        // 20 seeded experiments of 2·10⁴ pairs per setting: S within 4σ of 2√2 each time.
        let rho = DensityMatrix(bell: .phiPlus)
        var generator = Xoshiro256StarStar(seed: 5)
        func noisy(_ a: Double, _ b: Double) throws -> SettingCounts {
            let exact = try Self.counts(rho, .linear(degrees: a), .linear(degrees: b), pairs: 20_000)
            func draw(_ n: Int) throws -> Int { try PoissonSampler.sample(mean: Double(n), using: &generator) }
            var drawn = PerPair<Int>.zero
            for pair in DetectorPair.allCases { drawn[pair] = try draw(exact.coincidences[pair]) }
            return SettingCounts(coincidences: drawn)
        }
        for _ in 0..<20 {
            let s = try BellTest.chsh(ab: noisy(0, 22.5), abPrime: noisy(0, 67.5), aPrimeB: noisy(45, 22.5),
                                      aPrimeBPrime: noisy(45, 67.5))
            #expect(abs(s.value - 2 * 2.0.squareRoot()) < 4 * s.standardError)
        }
    }

    @Test func badCountsAreDescribed() throws {
        let empty = SettingCounts()
        #expect(throws: AnalysisError.emptySetting(location: "CHSH (a, b)",
                                                    detail: "no coincidences (after accidental subtraction: 0.0)")) {
            try BellTest.chsh(ab: empty, abPrime: empty, aPrimeB: empty, aPrimeBPrime: empty)
        }
        let negative = SettingCounts(coincidences: PerPair(5, -2, 0, 0))
        #expect(throws: AnalysisError.negativeCount(location: "setting coincidences A+B−", value: -2)) {
            try negative.correlation()
        }
        var nanAccidentals = SettingCounts(coincidences: PerPair(5, 0, 0, 0))
        nanAccidentals.accidentals = PerPair(.nan, 0, 0, 0)
        #expect(throws: AnalysisError.self) { try nanAccidentals.correlation() }
        #expect(throws: AnalysisError.self) { try PolarizationProjection.linear(degrees: .infinity) }
    }
}
