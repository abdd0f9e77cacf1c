import ComplexModule
import RealModule

/// The eigenvalues and eigenvectors of a Hermitian 4×4 matrix: M = V Λ V†.
///
/// Computed by the cyclic complex Jacobi method (each rotation first removes the phase of the
/// pivot, then applies the real Jacobi rotation of Numerical Recipes 3rd ed., §11.1), which is
/// accurate to rounding for small matrices and never fails to converge.
public struct HermitianEigendecomposition: Sendable {
    /// The eigenvalues in ascending order.
    public var eigenvalues: InlineArray<4, Double>
    /// The unitary matrix whose column j is the eigenvector of `eigenvalues[j]`.
    public var eigenvectors: ComplexMatrix4

    /// Diagonalizes the Hermitian part (M + M†)/2 of `matrix`; throws when an entry is not finite.
    public init(_ matrix: ComplexMatrix4) throws(AnalysisError) {
        guard matrix.isFinite else {
            throw .notFinite(location: "matrix to diagonalize", value: .nan)
        }
        var a = matrix.hermitianPart
        var v = ComplexMatrix4.identity
        var scale = 0.0
        for i in 0..<16 { scale = max(scale, a.entries[i].length) }
        let threshold = scale * 1e-17
        for _ in 0..<64 {
            var offDiagonal = 0.0
            for p in 0..<3 { for q in (p + 1)..<4 { offDiagonal = max(offDiagonal, a[p, q].length) } }
            if offDiagonal <= threshold { break }
            for p in 0..<3 {
                for q in (p + 1)..<4 {
                    Self.rotate(&a, &v, p, q)
                }
            }
        }
        var values = InlineArray<4, Double>(repeating: 0)
        for i in 0..<4 { values[i] = a[i, i].real }
        // Sort ascending, carrying eigenvector columns.
        var order = [0, 1, 2, 3]
        order.sort { values[$0] < values[$1] }
        eigenvalues = InlineArray(repeating: 0)
        eigenvectors = ComplexMatrix4()
        for (column, source) in order.enumerated() {
            eigenvalues[column] = values[source]
            for row in 0..<4 { eigenvectors[row, column] = v[row, source] }
        }
    }

    /// One Jacobi rotation zeroing the (p, q) entry of the Hermitian matrix `a`; `v` collects them.
    private static func rotate(_ a: inout ComplexMatrix4, _ v: inout ComplexMatrix4, _ p: Int, _ q: Int) {
        let pivot = a[p, q]
        let magnitude = pivot.length
        if magnitude == 0 { return }
        let phase = pivot * Complex(1 / magnitude)          // e^{iφ}
        let theta = (a[q, q].real - a[p, p].real) / (2 * magnitude)
        let t = (theta >= 0 ? 1.0 : -1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
        let c = 1 / (t * t + 1).squareRoot()
        let s = t * c
        // J = diag(1, e^{-iφ}) · [[c, s], [−s, c]] in the (p, q) plane.
        let jpp = Complex(c), jpq = Complex(s)
        let jqp = Complex(-s) * phase.conjugate, jqq = Complex(c) * phase.conjugate
        // Columns: A ← A J, V ← V J.
        for row in 0..<4 {
            let ap = a[row, p], aq = a[row, q]
            a[row, p] = ap * jpp + aq * jqp
            a[row, q] = ap * jpq + aq * jqq
            let vp = v[row, p], vq = v[row, q]
            v[row, p] = vp * jpp + vq * jqp
            v[row, q] = vp * jpq + vq * jqq
        }
        // Rows: A ← J† A.
        for column in 0..<4 {
            let ap = a[p, column], aq = a[q, column]
            a[p, column] = jpp.conjugate * ap + jqp.conjugate * aq
            a[q, column] = jpq.conjugate * ap + jqq.conjugate * aq
        }
        a[p, q] = .zero
        a[q, p] = .zero
        a[p, p] = Complex(a[p, p].real)
        a[q, q] = Complex(a[q, q].real)
    }

    /// V f(Λ) V†: the matrix function f applied through the eigenvalues (for example √ρ).
    public func mapped(_ function: (Double) -> Double) -> ComplexMatrix4 {
        var result = ComplexMatrix4()
        for j in 0..<4 {
            let weight = Complex(function(eigenvalues[j]))
            for row in 0..<4 {
                let left = weight * eigenvectors[row, j]
                for column in 0..<4 {
                    result[row, column] = result[row, column] + left * eigenvectors[column, j].conjugate
                }
            }
        }
        return result
    }

    /// Eigenvector `index` as a vector (the column of `eigenvectors`).
    public func eigenvector(_ index: Int) -> ComplexVector4 {
        ComplexVector4(eigenvectors[0, index], eigenvectors[1, index], eigenvectors[2, index], eigenvectors[3, index])
    }
}
