public import Vocabulary
import ComplexModule
import RealModule

/// A two-photon polarization state ρ (Hermitian, trace 1, positive semidefinite) in the basis
/// |HH>, |HV>, |VH>, |VV> (arm A's photon first).
public struct DensityMatrix: Sendable {
    /// The matrix ρ.
    public var matrix: ComplexMatrix4

    /// Wraps a matrix after checking it is a state: finite, Hermitian and of trace 1 within
    /// `tolerance`, and no eigenvalue below −`tolerance`.
    public init(validating matrix: ComplexMatrix4, tolerance: Double = 1e-9) throws(AnalysisError) {
        guard matrix.isFinite else { throw .notFinite(location: "density matrix", value: .nan) }
        guard matrix.isHermitian(tolerance: tolerance) else {
            throw .invalidParameter(name: "density matrix", value: "non-Hermitian", expected: "ρ = ρ†")
        }
        let trace = matrix.trace.real
        guard abs(trace - 1) <= tolerance else {
            throw .invalidParameter(name: "density matrix trace", value: "\(trace)", expected: "1")
        }
        let smallest = try HermitianEigendecomposition(matrix).eigenvalues[0]
        guard smallest >= -tolerance else {
            throw .invalidParameter(name: "density matrix eigenvalue", value: "\(smallest)", expected: "≥ 0")
        }
        self.matrix = matrix.hermitianPart
    }

    /// Wraps a matrix known to be a state (used inside the target after construction).
    init(unchecked matrix: ComplexMatrix4) {
        self.matrix = matrix
    }

    /// The pure state |ψ><ψ| (ψ is normalized here); throws for a zero or non-finite vector.
    public init(pure state: ComplexVector4) throws(AnalysisError) {
        let norm = state.normSquared
        guard norm.isFinite else { throw .notFinite(location: "pure state vector", value: norm) }
        guard norm > 0 else { throw .invalidParameter(name: "pure state vector", value: "0", expected: "non-zero") }
        matrix = (1 / norm) * ComplexMatrix4.projector(onto: state)
    }

    /// A Bell state.
    public init(bell: BellState) {
        matrix = ComplexMatrix4.projector(onto: bell.vector)
    }

    /// The Werner state p|B><B| + (1 − p) I/4 (Werner, Phys. Rev. A 40, 4277 (1989)), 0 ≤ p ≤ 1.
    public static func werner(visibility p: Double, bell: BellState = .phiPlus) throws(AnalysisError) -> DensityMatrix {
        guard p.isFinite, p >= 0, p <= 1 else {
            throw .invalidParameter(name: "Werner visibility p", value: "\(p)", expected: "0 ≤ p ≤ 1")
        }
        return DensityMatrix(unchecked: p * ComplexMatrix4.projector(onto: bell.vector) + ((1 - p) / 4) * ComplexMatrix4.identity)
    }

    /// The maximally mixed state I/4.
    public static var maximallyMixed: DensityMatrix { DensityMatrix(unchecked: 0.25 * ComplexMatrix4.identity) }

    /// The probability Tr(ρ P_a ⊗ P_b) that photon A passes `a` and photon B passes `b` (Born rule).
    public func probability(_ a: PolarizationProjection, _ b: PolarizationProjection) -> Double {
        matrix.expectation(ComplexVector4(tensorProductOf: a.ket, b.ket)).real
    }

    /// The correlation E = P(++) + P(−−) − P(+−) − P(−+) for analyzer bases `a` and `b`.
    public func correlation(_ a: AnalyzerBasis, _ b: AnalyzerBasis) throws(AnalysisError) -> Double {
        let (ap, am, bp, bm) = (try a.plus(), try a.minus(), try b.plus(), try b.minus())
        return probability(ap, bp) + probability(am, bm) - probability(ap, bm) - probability(am, bp)
    }

    /// The Pauli correlation matrix entries T_μν = Tr(ρ σ_μ ⊗ σ_ν), μ, ν ∈ {0: I, 1: x, 2: y, 3: z},
    /// row-major (index 4μ + ν).
    public var pauliCorrelations: InlineArray<16, Double> {
        var result = InlineArray<16, Double>(repeating: 0)
        for mu in 0..<4 {
            for nu in 0..<4 {
                let operatorMatrix = ComplexMatrix4.tensorProduct(Pauli.matrix(mu), Pauli.matrix(nu))
                result[mu * 4 + nu] = (matrix * operatorMatrix).trace.real
            }
        }
        return result
    }

    /// The correlation matrix T_ij = Tr(ρ σ_i ⊗ σ_j), i, j = x, y, z, row-major (9 entries).
    public var correlationMatrix: [Double] {
        let t = pauliCorrelations
        return (1...3).flatMap { i in (1...3).map { j in t[i * 4 + j] } }
    }
}

/// The Pauli matrices with |H> = |0>: σ0 = I, σ1 = σx, σ2 = σy, σ3 = σz, row-major.
enum Pauli {
    static func matrix(_ index: Int) -> InlineArray<4, Complex<Double>> {
        switch index {
        case 1: [.zero, .one, .one, .zero]
        case 2: [.zero, Complex(0, -1), Complex(0, 1), .zero]
        case 3: [.one, .zero, .zero, Complex(-1)]
        default: [.one, .zero, .zero, .one]
        }
    }
}
