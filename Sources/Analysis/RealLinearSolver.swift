/// Solves small dense real linear systems A x = b by Gaussian elimination with partial pivoting.
enum RealLinearSolver {
    /// The solution of the n×n system `matrix` (row-major) · x = `rightHandSide`, or nil when a
    /// pivot falls below `relativeTolerance` times the largest entry (singular to working precision).
    static func solve(_ matrix: [Double], _ rightHandSide: [Double], size n: Int,
                      relativeTolerance: Double = 1e-12) -> [Double]? {
        var a = matrix
        var b = rightHandSide
        let scale = a.reduce(0) { max($0, abs($1)) }
        guard scale > 0, scale.isFinite else { return nil }
        for column in 0..<n {
            var pivotRow = column
            for row in (column + 1)..<max(column + 1, n) where abs(a[row * n + column]) > abs(a[pivotRow * n + column]) {
                pivotRow = row
            }
            let pivot = a[pivotRow * n + column]
            if abs(pivot) <= relativeTolerance * scale { return nil }
            if pivotRow != column {
                for k in 0..<n { a.swapAt(pivotRow * n + k, column * n + k) }
                b.swapAt(pivotRow, column)
            }
            for row in (column + 1)..<max(column + 1, n) {
                let factor = a[row * n + column] / pivot
                if factor == 0 { continue }
                for k in column..<n { a[row * n + k] -= factor * a[column * n + k] }
                b[row] -= factor * b[column]
            }
        }
        var x = [Double](repeating: 0, count: n)
        for row in stride(from: n - 1, through: 0, by: -1) {
            var sum = b[row]
            for k in (row + 1)..<max(row + 1, n) { sum -= a[row * n + k] * x[k] }
            x[row] = sum / a[row * n + row]
        }
        return x
    }
}
