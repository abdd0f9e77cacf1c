import ComplexModule
import RealModule

extension DensityMatrix {
    /// The fidelity <B|ρ|B> to a Bell state.
    public func fidelity(to bell: BellState) -> Double {
        matrix.expectation(bell.vector).real
    }

    /// The fidelity <ψ|ρ|ψ> to a pure state (ψ normalized here).
    public func fidelity(toPure state: ComplexVector4) -> Double {
        matrix.expectation(state).real / state.normSquared
    }

    /// The Uhlmann–Jozsa fidelity F(ρ, σ) = (Tr √(√ρ σ √ρ))² (R. Jozsa, J. Mod. Opt. 41, 2315
    /// (1994)); F = <ψ|ρ|ψ> when σ = |ψ><ψ|.
    public func fidelity(to other: DensityMatrix) throws(AnalysisError) -> Double {
        let rootRho = try HermitianEigendecomposition(matrix).mapped { max(0, $0).squareRoot() }
        let product = rootRho * other.matrix * rootRho
        let values = try HermitianEigendecomposition(product).eigenvalues
        var sum = 0.0
        for i in 0..<4 { sum += max(0, values[i]).squareRoot() }
        return sum * sum
    }

    /// The purity Tr ρ².
    public var purity: Double {
        var sum = 0.0
        for i in 0..<16 { sum += matrix.entries[i].lengthSquared }
        return sum
    }

    /// The concurrence C = max(0, λ1 − λ2 − λ3 − λ4), λ the decreasing eigenvalues of
    /// √(√ρ ρ̃ √ρ) with ρ̃ = (σy⊗σy) ρ* (σy⊗σy) (W. K. Wootters, PRL 80, 2245 (1998), Eq. 2).
    public func concurrence() throws(AnalysisError) -> Double {
        let spinFlip = ComplexMatrix4.tensorProduct(Pauli.matrix(2), Pauli.matrix(2))
        let flipped = spinFlip * matrix.conjugate * spinFlip
        let rootRho = try HermitianEigendecomposition(matrix).mapped { max(0, $0).squareRoot() }
        let values = try HermitianEigendecomposition(rootRho * flipped * rootRho).eigenvalues
        let roots = (0..<4).map { max(0, values[$0]).squareRoot() }  // ascending
        return max(0, roots[3] - roots[2] - roots[1] - roots[0])
    }

    /// The tangle τ = C² (Coffman, Kundu & Wootters, PRA 61, 052306 (2000)).
    public func tangle() throws(AnalysisError) -> Double {
        let c = try concurrence()
        return c * c
    }

    /// The negativity N = (‖ρ^{T_B}‖₁ − 1)/2, the sum of the moduli of the negative eigenvalues
    /// of the partial transpose (Vidal & Werner, PRA 65, 032314 (2002), Eq. 3); 0.5 for a Bell state.
    public func negativity() throws(AnalysisError) -> Double {
        let values = try HermitianEigendecomposition(matrix.partialTransposeB).eigenvalues
        var sum = 0.0
        for i in 0..<4 where values[i] < 0 { sum -= values[i] }
        return sum
    }

    /// The largest CHSH value S any choice of analyzers reaches on ρ: S_max = 2√(u1 + u2), u1, u2
    /// the two largest eigenvalues of TᵀT with T_ij = Tr(ρ σi⊗σj) (Horodecki, Horodecki &
    /// Horodecki, Phys. Lett. A 200, 340 (1995)). 2√2 for a Bell state; > 2 violates CHSH.
    public func maximalCHSH() throws(AnalysisError) -> Double {
        let t = pauliCorrelations
        var m = ComplexMatrix4()
        for i in 1...3 {
            for j in 1...3 {
                var sum = 0.0
                for k in 1...3 { sum += t[k * 4 + i] * t[k * 4 + j] }
                m[i - 1, j - 1] = Complex(sum)
            }
        }
        // The padding row and column add an eigenvalue 0, which is never among the two largest of a PSD matrix.
        let values = try HermitianEigendecomposition(m).eigenvalues
        return 2 * max(0, values[3] + values[2]).squareRoot()
    }

    /// The Bell state with the largest fidelity, and that fidelity.
    public var mostLikelyBellState: (state: BellState, fidelity: Double) {
        var best = (state: BellState.phiPlus, fidelity: fidelity(to: .phiPlus))
        for bell in BellState.allCases {
            let f = fidelity(to: bell)
            if f > best.fidelity { best = (bell, f) }
        }
        return best
    }
}
