import Analysis
import ComplexModule
import RealModule
import Testing

/// Closed forms on exact states, to 1e-9.
@Suite struct EntanglementTests {
    @Test func bellStatesAreMaximallyEntangled() throws {
        for bell in BellState.allCases {
            let rho = DensityMatrix(bell: bell)
            #expect(abs(rho.fidelity(to: bell) - 1) < 1e-12)
            #expect(abs(try rho.concurrence() - 1) < 1e-9)
            #expect(abs(try rho.tangle() - 1) < 1e-9)
            #expect(abs(rho.purity - 1) < 1e-12)
            #expect(abs(try rho.negativity() - 0.5) < 1e-9)
            #expect(abs(try rho.maximalCHSH() - 2 * 2.0.squareRoot()) < 1e-9)
            #expect(rho.mostLikelyBellState.state == bell)
            for other in BellState.allCases where other != bell { #expect(abs(rho.fidelity(to: other)) < 1e-12) }
        }
    }

    @Test func wernerStateMatchesClosedForms() throws {
        // ρ = p|Φ+><Φ+| + (1−p)I/4: F = (1+3p)/4, C = max(0, (3p−1)/2), Tr ρ² = (1+3p²)/4,
        // N = max(0, (3p−1)/4), S_max = 2√2 p (Horodecki criterion).
        let p = 0.7
        let rho = try DensityMatrix.werner(visibility: p)
        #expect(abs(rho.fidelity(to: .phiPlus) - (1 + 3 * p) / 4) < 1e-12)
        #expect(abs(try rho.concurrence() - (3 * p - 1) / 2) < 1e-9)
        #expect(abs(rho.purity - (1 + 3 * p * p) / 4) < 1e-12)
        #expect(abs(try rho.negativity() - (3 * p - 1) / 4) < 1e-9)
        #expect(abs(try rho.maximalCHSH() - 2 * 2.0.squareRoot() * p) < 1e-9)
        // Uhlmann fidelity of two mixed states against a direct calculation: F(ρ, ρ) = 1.
        #expect(abs(try rho.fidelity(to: rho) - 1) < 1e-9)
        let bell = DensityMatrix(bell: .phiPlus)
        #expect(abs(try rho.fidelity(to: bell) - (1 + 3 * p) / 4) < 1e-9)
    }

    @Test func productStateIsSeparable() throws {
        let rho = try TestStates.productHD()
        #expect(abs(try rho.concurrence()) < 1e-9)
        #expect(abs(try rho.negativity()) < 1e-9)
        #expect(abs(try rho.maximalCHSH() - 2) < 1e-9)  // a product state reaches exactly 2
        #expect(abs(rho.purity - 1) < 1e-12)
        #expect(abs(rho.fidelity(to: .phiPlus) - 0.25) < 1e-12)
    }

    @Test func phaseStateHasFidelityCosineSquared() throws {
        // (|HH> + e^{iφ}|VV>)/√2: F_Φ+ = cos²(φ/2), F_Φ− = sin²(φ/2), C = 1.
        let phi = 0.8
        let rho = try TestStates.phaseState(phase: phi)
        #expect(abs(rho.fidelity(to: .phiPlus) - Double.cos(phi / 2) * Double.cos(phi / 2)) < 1e-12)
        #expect(abs(rho.fidelity(to: .phiMinus) - Double.sin(phi / 2) * Double.sin(phi / 2)) < 1e-12)
        #expect(abs(try rho.concurrence() - 1) < 1e-9)
    }

    @Test func chshAtStandardAnglesIsTwoRootTwo() throws {
        // E(a, b) = cos 2(a − b) for |Φ+>.
        let rho = DensityMatrix(bell: .phiPlus)
        let angles = (a: 0.0, aPrime: 45.0, b: 22.5, bPrime: 67.5)
        func e(_ x: Double, _ y: Double) throws -> Double { try rho.correlation(.linear(degrees: x), .linear(degrees: y)) }
        let s = try e(angles.a, angles.b) - e(angles.a, angles.bPrime) + e(angles.aPrime, angles.b)
            + e(angles.aPrime, angles.bPrime)
        #expect(abs(s - 2 * 2.0.squareRoot()) < 1e-12)
        #expect(abs(try e(10, 40) - Double.cos(2 * (-30) * Double.pi / 180)) < 1e-12)
    }

    @Test func invalidStatesAreRejected() throws {
        #expect(throws: AnalysisError.self) { try DensityMatrix.werner(visibility: 1.2) }
        #expect(throws: AnalysisError.self) { try DensityMatrix.werner(visibility: .nan) }
        #expect(throws: AnalysisError.self) { try DensityMatrix(pure: ComplexVector4(.zero, .zero, .zero, .zero)) }
        #expect(throws: AnalysisError.self) { try DensityMatrix(validating: 2 * ComplexMatrix4.identity) }
        // Trace 1 but with eigenvalue −0.5: (I + XX + YY + ZZ)/4.
        let unphysical = try StateTomography.linearInversion(try TomographySettings.measurements(
            settings: TomographySettings.standard16, counts: UnphysicalCounts.counts))
        #expect(throws: AnalysisError.self) { try DensityMatrix(validating: unphysical) }
    }
}

/// Counts whose linear inversion is (I + XX + YY + ZZ)/4, with eigenvalue −1/2: no state gives them.
enum UnphysicalCounts {
    static var counts: [Double] {
        // P(a, b) = Tr(ρ P_a⊗P_b) = ¼(1 + a·b) for Bloch vectors a, b with the "correlation" +1 on
        // each axis (x: D, y: σy, z: H), computed from the Pauli vectors of H, V, D, R.
        let bloch: [(Double, Double, Double)] = [(0, 0, 1), (0, 0, -1), (1, 0, 0), (0, -1, 0)]  // (x, y, z) of H, V, D, R
        return bloch.flatMap { a in bloch.map { b in 1000 * (1 + a.0 * b.0 + a.1 * b.1 + a.2 * b.2) / 4 } }
    }
}
