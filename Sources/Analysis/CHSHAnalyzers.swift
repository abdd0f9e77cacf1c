import ComplexModule
import RealModule

/// The four analyzer directions of a CHSH test (Bloch vectors a, a′ on arm A; b, b′ on arm B),
/// written as the Horodecki construction writes them: b ± b′ = 2cos ϑ·c, 2sin ϑ·c′ with c ⟂ c′,
/// so that for a correlation matrix T
///
///     S = a·T(b + b′) + a′·T(b − b′) = 2cos ϑ·a·T c + 2sin ϑ·a′·T c′.
///
/// `optimal(for:)` gives the directions that reach the largest S of a T, 2√(m₁ + m₂) (m₁ ≥ m₂ the
/// two largest eigenvalues of TᵀT; Horodecki, Horodecki & Horodecki, Phys. Lett. A 200, 340
/// (1995)); `chsh(on:)` is S of those fixed directions on another T, linear in T.
public struct CHSHAnalyzers: Sendable, Hashable {
    /// a and a′ (unit vectors, or zero where T sends c or c′ to zero and the term has no weight).
    public var a: [Double], aPrime: [Double]
    /// c and c′, orthonormal.
    public var c: [Double], cPrime: [Double]
    /// ϑ: the weight of the c and c′ terms.
    public var angle: Double

    /// The directions that maximize S on `t` (row-major 3×3, T_ij = ⟨σ_i ⊗ σ_j⟩, i, j = x, y, z):
    /// c, c′ the eigenvectors of TᵀT of its two largest eigenvalues, a = Tc/|Tc|, a′ = Tc′/|Tc′|,
    /// tan ϑ = |Tc′|/|Tc|, which gives S = 2√(|Tc|² + |Tc′|²) = 2√(m₁ + m₂).
    public static func optimal(for t: [Double]) throws(AnalysisError) -> CHSHAnalyzers {
        guard t.count == 9 else { throw .invalidParameter(name: "correlation matrix", value: "\(t.count) entries", expected: "9") }
        var gram = ComplexMatrix4()
        for i in 0..<3 {
            for j in 0..<3 {
                var sum = 0.0
                for k in 0..<3 { sum += t[k * 3 + i] * t[k * 3 + j] }
                gram[i, j] = Complex(sum)
            }
        }
        // TᵀT padded with a zero row and column; its eigenvalue 0 is never above the two largest of
        // the positive semidefinite 3×3 block, and a real symmetric matrix has real eigenvectors.
        let decomposition = try HermitianEigendecomposition(gram)
        func column(_ index: Int) -> [Double] { (0..<3).map { decomposition.eigenvectors[$0, index].real } }
        let c = column(3), cPrime = column(2)
        let tc = Self.apply(t, c), tcPrime = Self.apply(t, cPrime)
        let norm = Self.length(tc), normPrime = Self.length(tcPrime)
        return CHSHAnalyzers(a: norm > 0 ? tc.map { $0 / norm } : [0, 0, 0],
                             aPrime: normPrime > 0 ? tcPrime.map { $0 / normPrime } : [0, 0, 0],
                             c: c, cPrime: cPrime, angle: Double.atan2(y: normPrime, x: norm))
    }

    /// S = 2cos ϑ·a·T c + 2sin ϑ·a′·T c′ of these directions on `t` (row-major 3×3).
    public func chsh(on t: [Double]) -> Double {
        func form(_ left: [Double], _ right: [Double]) -> Double {
            let image = Self.apply(t, right)
            return left[0] * image[0] + left[1] * image[1] + left[2] * image[2]
        }
        return 2 * Double.cos(angle) * form(a, c) + 2 * Double.sin(angle) * form(aPrime, cPrime)
    }

    static func apply(_ t: [Double], _ v: [Double]) -> [Double] {
        (0..<3).map { i in t[i * 3] * v[0] + t[i * 3 + 1] * v[1] + t[i * 3 + 2] * v[2] }
    }

    static func length(_ v: [Double]) -> Double { (v[0] * v[0] + v[1] * v[1] + v[2] * v[2]).squareRoot() }
}
