public import ComplexModule
public import RealModule

/// A 4×4 complex matrix: a two-photon density matrix or operator in the basis
/// |HH>, |HV>, |VH>, |VV> (arm A's photon first). Stored inline, row-major, no heap.
public struct ComplexMatrix4: Sendable {
    /// The sixteen entries, row-major: entry (row, column) is at `row * 4 + column`.
    public var entries: InlineArray<16, Complex<Double>>

    /// The zero matrix.
    @inlinable
    public init() {
        entries = InlineArray(repeating: .zero)
    }

    /// A matrix whose entry (row, column) is `entry(row, column)`.
    @inlinable
    public init(_ entry: (_ row: Int, _ column: Int) -> Complex<Double>) {
        entries = InlineArray(repeating: .zero)
        for row in 0..<4 { for column in 0..<4 { entries[row * 4 + column] = entry(row, column) } }
    }

    /// A matrix from four rows of four entries; throws when the shape is not 4×4.
    public init(rows: [[Complex<Double>]]) throws(AnalysisError) {
        guard rows.count == 4, rows.allSatisfy({ $0.count == 4 }) else {
            throw .invalidParameter(name: "matrix rows", value: "\(rows.map(\.count))", expected: "4 rows of 4 entries")
        }
        self.init { rows[$0][$1] }
    }

    /// The zero matrix.
    public static var zero: ComplexMatrix4 { ComplexMatrix4() }

    /// The identity matrix.
    public static var identity: ComplexMatrix4 { ComplexMatrix4 { $0 == $1 ? .one : .zero } }

    /// The projector |v><v| (not normalized: its trace is <v|v>).
    @inlinable
    public static func projector(onto v: ComplexVector4) -> ComplexMatrix4 {
        ComplexMatrix4 { v[$0] * v[$1].conjugate }
    }

    /// The tensor product a ⊗ b of two 2×2 matrices, each given row-major as four entries.
    @inlinable
    public static func tensorProduct(_ a: InlineArray<4, Complex<Double>>, _ b: InlineArray<4, Complex<Double>>) -> ComplexMatrix4 {
        ComplexMatrix4 { row, column in
            a[(row >> 1) * 2 + (column >> 1)] * b[(row & 1) * 2 + (column & 1)]
        }
    }

    /// Entry (row, column), both 0 ..< 4.
    @inlinable
    public subscript(row: Int, column: Int) -> Complex<Double> {
        get { entries[row * 4 + column] }
        set { entries[row * 4 + column] = newValue }
    }

    /// The sum of two matrices.
    @inlinable
    public static func + (lhs: ComplexMatrix4, rhs: ComplexMatrix4) -> ComplexMatrix4 {
        var result = lhs
        for i in 0..<16 { result.entries[i] = lhs.entries[i] + rhs.entries[i] }
        return result
    }

    /// The difference of two matrices.
    @inlinable
    public static func - (lhs: ComplexMatrix4, rhs: ComplexMatrix4) -> ComplexMatrix4 {
        var result = lhs
        for i in 0..<16 { result.entries[i] = lhs.entries[i] - rhs.entries[i] }
        return result
    }

    /// The matrix product.
    @inlinable
    public static func * (lhs: ComplexMatrix4, rhs: ComplexMatrix4) -> ComplexMatrix4 {
        var result = ComplexMatrix4()
        for row in 0..<4 {
            for k in 0..<4 {
                let factor = lhs.entries[row * 4 + k]
                for column in 0..<4 {
                    result.entries[row * 4 + column] = result.entries[row * 4 + column] + factor * rhs.entries[k * 4 + column]
                }
            }
        }
        return result
    }

    /// Every entry times a real number.
    @inlinable
    public static func * (scale: Double, matrix: ComplexMatrix4) -> ComplexMatrix4 {
        var result = matrix
        for i in 0..<16 { result.entries[i] = Complex(scale) * matrix.entries[i] }
        return result
    }

    /// The matrix applied to a vector.
    @inlinable
    public static func * (matrix: ComplexMatrix4, v: ComplexVector4) -> ComplexVector4 {
        var result = ComplexVector4(.zero, .zero, .zero, .zero)
        for row in 0..<4 {
            var sum = Complex<Double>.zero
            for k in 0..<4 { sum = sum + matrix.entries[row * 4 + k] * v[k] }
            result[row] = sum
        }
        return result
    }

    /// The conjugate transpose M†.
    @inlinable
    public var adjoint: ComplexMatrix4 { ComplexMatrix4 { self[$1, $0].conjugate } }

    /// The complex conjugate M* (entry by entry, not transposed).
    @inlinable
    public var conjugate: ComplexMatrix4 { ComplexMatrix4 { self[$0, $1].conjugate } }

    /// The trace.
    @inlinable
    public var trace: Complex<Double> {
        self[0, 0] + self[1, 1] + self[2, 2] + self[3, 3]
    }

    /// The partial transpose on arm B's photon (the second factor):
    /// <a b|M^{T_B}|a' b'> = <a b'|M|a' b>.
    @inlinable
    public var partialTransposeB: ComplexMatrix4 {
        ComplexMatrix4 { row, column in
            self[(row & ~1) | (column & 1), (column & ~1) | (row & 1)]
        }
    }

    /// The expectation <v|M|v>.
    @inlinable
    public func expectation(_ v: ComplexVector4) -> Complex<Double> {
        v.inner(self * v)
    }

    /// (M + M†)/2, the Hermitian part.
    @inlinable
    public var hermitianPart: ComplexMatrix4 { 0.5 * (self + adjoint) }

    /// The largest modulus of any entry of M − other.
    @inlinable
    public func maximumDifference(from other: ComplexMatrix4) -> Double {
        var largest = 0.0
        for i in 0..<16 { largest = max(largest, (entries[i] - other.entries[i]).length) }
        return largest
    }

    /// Whether every entry is finite.
    @inlinable
    public var isFinite: Bool {
        for i in 0..<16 where !entries[i].isFinite { return false }
        return true
    }

    /// Whether M equals M† within `tolerance` in every entry.
    @inlinable
    public func isHermitian(tolerance: Double) -> Bool {
        maximumDifference(from: adjoint) <= tolerance
    }
}
