/// A weighted least-squares straight line y = intercept + slope·(x − x̄_w) through points
/// (x_i, y_i, w_i), with standard errors from the weighted residuals (Bevington & Robinson, Data
/// Reduction and Error Analysis, 3rd ed., Sec. 6.3–6.4, with σ² estimated as χ²_w/(n − 2)).
struct StraightLineFit {
    /// The weighted mean x̄_w, at which the intercept is taken (so intercept and slope are uncorrelated).
    var referenceX: Double
    var intercept: Double, slope: Double
    /// Standard errors; nil with fewer than three points (no residual left to estimate σ from).
    var interceptStandardError: Double?, slopeStandardError: Double?

    /// The fit through `points`; with one point the slope is 0, with two the line through them.
    init?(_ points: [(x: Double, y: Double, weight: Double)]) {
        let totalWeight = points.reduce(0) { $0 + $1.weight }
        guard !points.isEmpty, totalWeight > 0 else { return nil }
        let meanX = points.reduce(0) { $0 + $1.weight * $1.x } / totalWeight
        let meanY = points.reduce(0) { $0 + $1.weight * $1.y } / totalWeight
        let sxx = points.reduce(0) { $0 + $1.weight * ($1.x - meanX) * ($1.x - meanX) }
        let sxy = points.reduce(0) { $0 + $1.weight * ($1.x - meanX) * ($1.y - meanY) }
        let slope = sxx > 0 ? sxy / sxx : 0
        referenceX = meanX
        intercept = meanY
        self.slope = slope
        guard points.count >= 3, sxx > 0 else { return }
        let chiSquared = points.reduce(0.0) { sum, point in
            let residual = point.y - meanY - slope * (point.x - meanX)
            return sum + point.weight * residual * residual
        }
        // Weights are relative (pair counts): σ² per unit weight from the scatter itself.
        let varianceUnitWeight = chiSquared / Double(points.count - 2)
        interceptStandardError = (varianceUnitWeight / totalWeight).squareRoot()
        slopeStandardError = (varianceUnitWeight / sxx).squareRoot()
    }

    /// The line at `x`.
    func value(at x: Double) -> Double { intercept + slope * (x - referenceX) }
}
