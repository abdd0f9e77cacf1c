import Analysis
import ComplexModule
import RealModule
import SeededRandom
import Testing

@Suite struct ComplexMatrix4Tests {
    static func randomHermitian(seed: UInt64) -> ComplexMatrix4 {
        var generator = Xoshiro256StarStar(seed: seed)
        let m = ComplexMatrix4 { _, _ in
            Complex(generator.nextUnitInterval() * 2 - 1, generator.nextUnitInterval() * 2 - 1)
        }
        return m.hermitianPart
    }

    @Test func productAdjointTraceAndPartialTranspose() throws {
        let a = Self.randomHermitian(seed: 1)
        let b = Self.randomHermitian(seed: 2)
        // (AB)† = B†A†, Tr(AB) = Tr(BA).
        #expect((a * b).adjoint.maximumDifference(from: b.adjoint * a.adjoint) < 1e-14)
        #expect(((a * b).trace - (b * a).trace).length < 1e-14)
        #expect((ComplexMatrix4.identity * a).maximumDifference(from: a) == 0)
        // Partial transpose of σx⊗σy is σx⊗σyᵀ = −σx⊗σy; applying it twice is the identity map.
        let sx: InlineArray<4, Complex<Double>> = [.zero, .one, .one, .zero]
        let sy: InlineArray<4, Complex<Double>> = [.zero, Complex(0, -1), Complex(0, 1), .zero]
        let xy = ComplexMatrix4.tensorProduct(sx, sy)
        #expect(xy.partialTransposeB.maximumDifference(from: -1 * xy) < 1e-15)
        #expect(a.partialTransposeB.partialTransposeB.maximumDifference(from: a) == 0)
    }

    @Test func jacobiDiagonalizesRandomHermitianMatrices() throws {
        for seed in UInt64(10)..<30 {
            let a = Self.randomHermitian(seed: seed)
            let decomposition = try HermitianEigendecomposition(a)
            let v = decomposition.eigenvectors
            // V unitary, A = V Λ V†, eigenvalues ascending, trace preserved.
            #expect((v.adjoint * v).maximumDifference(from: .identity) < 1e-13)
            #expect(decomposition.mapped { $0 }.maximumDifference(from: a) < 1e-13)
            for i in 0..<3 { #expect(decomposition.eigenvalues[i] <= decomposition.eigenvalues[i + 1]) }
            let sum = (0..<4).reduce(0.0) { $0 + decomposition.eigenvalues[$1] }
            #expect(abs(sum - a.trace.real) < 1e-13)
        }
    }

    @Test func jacobiHandlesDegenerateAndDiagonalMatrices() throws {
        let bell = DensityMatrix(bell: .psiMinus).matrix
        let values = try HermitianEigendecomposition(bell).eigenvalues
        #expect(abs(values[0]) < 1e-15 && abs(values[2]) < 1e-15 && abs(values[3] - 1) < 1e-15)
        let identity = try HermitianEigendecomposition(.identity)
        #expect((0..<4).allSatisfy { identity.eigenvalues[$0] == 1 })
    }

    @Test func nonFiniteMatrixIsAnError() {
        var a = ComplexMatrix4.identity
        a[1, 2] = Complex(.nan, 0)
        #expect(throws: AnalysisError.self) { try HermitianEigendecomposition(a) }
        #expect(throws: AnalysisError.self) { try ComplexMatrix4(rows: [[.one]]) }
    }
}
