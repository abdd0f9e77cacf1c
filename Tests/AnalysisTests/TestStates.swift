import Analysis
import ComplexModule
import RealModule
import SeededRandom

/// Known states and Born-rule counts for the tests.
enum TestStates {
    /// (|HH> + e^{iφ}|VV>)/√2.
    static func phaseState(phase: Double) throws -> DensityMatrix {
        let r = 0.5.squareRoot()
        return try DensityMatrix(pure: ComplexVector4(Complex(r), .zero, .zero, Complex(length: r, phase: phase)))
    }

    /// |H> ⊗ |D>.
    static func productHD() throws -> DensityMatrix {
        try DensityMatrix(pure: ComplexVector4(tensorProductOf: PolarizationProjection.horizontalH.ket,
                                               PolarizationProjection.diagonalD.ket))
    }

    /// Expected counts N·Tr(ρ P_a ⊗ P_b) for each setting (Born rule).
    static func expectedCounts(_ state: DensityMatrix, settings: [(PolarizationProjection, PolarizationProjection)],
                               pairsPerSetting: Double) -> [Double] {
        settings.map { pairsPerSetting * state.probability($0.0, $0.1) }
    }

    /// Poisson-noisy counts around the expected ones (seeded).
    static func noisyCounts(_ expected: [Double], seed: UInt64) throws -> [Double] {
        var generator = Xoshiro256StarStar(seed: seed)
        return try expected.map { Double(try PoissonSampler.sample(mean: $0, using: &generator)) }
    }
}
