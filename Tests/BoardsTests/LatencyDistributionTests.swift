import Boards
import Foundation
import HAL
import Testing

/// A latency L = m + min(T, c), T exponential of mean τ, c = M − m: its quantiles, mean and the
/// spread of two independent draws against their closed forms.
///
/// - CDF: F(x) = 1 − e^(−(x − m)/τ) for m ≤ x < M, and 1 at M (the cut's atom holds e^(−c/τ)).
/// - Mean: m + ∫₀^c e^(−t/τ) dt = m + τ(1 − e^(−c/τ)).
/// - Difference of two draws, Δ = min(T₁, c) − min(T₂, c): for 0 ≤ x < c,
///   P(Δ > x) = ∫₀^(c−x) (1/τ)e^(−t/τ)·e^(−(x+t)/τ) dt = ½e^(−x/τ)(1 − e^(−2(c−x)/τ)), so
///   P(|Δ| > x) = e^(−x/τ)(1 − e^(−2(c−x)/τ)) — the Laplace tail e^(−x/τ) when c ≫ τ, less with a cut.
@Suite struct LatencyDistributionTests {
    let pi4Stamp = LatencyDistribution(minimum: .nanoseconds(2_000), tailMean: .nanoseconds(1_000), maximum: .nanoseconds(50_000))
    let cut = LatencyDistribution(minimum: .nanoseconds(2_000), tailMean: .nanoseconds(1_000), maximum: .nanoseconds(3_500))

    /// F(x) of `latency`, from the closed form above.
    func cumulative(_ latency: LatencyDistribution, _ x: Double) -> Double {
        let m = Double(latency.minimum.nanoseconds), tau = Double(latency.tailMean.nanoseconds)
        if x >= Double(latency.maximum.nanoseconds) { return 1 }
        return x < m ? 0 : 1 - exp(-(x - m) / tau)
    }

    @Test func quantilesInvertTheCumulativeDistributionBelowTheCut() {
        for f in [0.0, 0.1, 0.5, 0.9, 0.99, 0.999, 0.999_999] {
            let q = pi4Stamp.quantileNanoseconds(f)
            #expect(abs(cumulative(pi4Stamp, q) - f) < 1e-12, "F(q(\(f))) = \(cumulative(pi4Stamp, q))")
        }
        #expect(pi4Stamp.quantileNanoseconds(0) == 2_000)
        #expect(abs(pi4Stamp.quantileNanoseconds(0.5) - (2_000 + 1_000 * log(2.0))) < 1e-9)          // the median: m + τ ln 2
        #expect(abs(pi4Stamp.quantileNanoseconds(0.999) - (2_000 + 1_000 * log(1_000.0))) < 1e-9)    // 8907.8 ns: the gate-mode check's late stamp
    }

    /// Beyond F(M⁻) = 1 − e^(−c/τ) = 0.777 every quantile is the maximum (the atom at the cut).
    @Test func quantilesAboveTheAtomAreTheMaximum() {
        let atom = 1 - exp(-1.5)
        #expect(abs(cut.quantileNanoseconds(atom - 1e-3) - (2_000 - 1_000 * log(1 - atom + 1e-3))) < 1e-9)
        #expect(cut.quantileNanoseconds(atom - 1e-3) < 3_500)
        for f in [atom + 1e-3, 0.9, 0.99] { #expect(cut.quantileNanoseconds(f) == 3_500, "q(\(f))") }
        #expect(LatencyDistribution.fixed(.nanoseconds(700)).quantileNanoseconds(0.99) == 700)
    }

    @Test func theMeanIsTheCutExponentialsMean() {
        #expect(abs(cut.meanNanoseconds - (2_000 + 1_000 * (1 - exp(-1.5)))) < 1e-9)   // 2776.87 ns
        #expect(abs(cut.meanNanoseconds - 2_776.870) < 1e-3)
        #expect(abs(pi4Stamp.meanNanoseconds - 3_000) < 1e-9 * 3_000 + 1e-12)          // e^(−48): the cut is invisible
        #expect(LatencyDistribution.fixed(.nanoseconds(700)).meanNanoseconds == 700)
        #expect(LatencyDistribution.zero.meanNanoseconds == 0)
        // The mean from the quantile function, ∫₀¹ q(f) df, by the midpoint rule over 10⁶ slices.
        let slices = 1_000_000
        var integral = 0.0
        for slice in 0..<slices { integral += cut.quantileNanoseconds((Double(slice) + 0.5) / Double(slices)) }
        #expect(abs(integral / Double(slices) - cut.meanNanoseconds) < 0.01)
    }

    /// Two independent draws: the product's quantile of |Δ| is τ·ln(1/(1 − f)) (Laplace), cut at
    /// M − m. Against the exact tail above, it is exact without a cut and never too small with one
    /// (a window that wide keeps at least the fraction it promises).
    @Test func theDifferenceQuantileIsTheLaplaceOneAndNeverTooNarrow() {
        func tail(_ latency: LatencyDistribution, _ x: Double) -> Double {
            let tau = Double(latency.tailMean.nanoseconds), c = Double(latency.maximum.nanoseconds - latency.minimum.nanoseconds)
            return x >= c ? 0 : exp(-x / tau) * (1 - exp(-2 * (c - x) / tau))
        }
        #expect(abs(pi4Stamp.differenceQuantileNanoseconds(0.99) - 1_000 * log(100.0)) < 1e-9)   // 4605.17 ns
        for f in [0.5, 0.9, 0.99, 0.999] {
            let x = pi4Stamp.differenceQuantileNanoseconds(f)
            #expect(abs(tail(pi4Stamp, x) - (1 - f)) < 1e-12, "P(|Δ| > q(\(f))) = \(tail(pi4Stamp, x))")
            let y = cut.differenceQuantileNanoseconds(f)
            #expect(tail(cut, y) <= 1 - f, "cut: P(|Δ| > q(\(f))) = \(tail(cut, y))")
        }
        #expect(cut.differenceQuantileNanoseconds(0.99) == 1_500)   // capped at M − m
        #expect(LatencyDistribution.fixed(.nanoseconds(2_000)).differenceQuantileNanoseconds(0.99) == 0)
    }

    @Test func aMaximumBelowTheMinimumIsRaisedToItAndFixedDistributionsSaySo() {
        let raised = LatencyDistribution(minimum: .nanoseconds(5_000), tailMean: .nanoseconds(100), maximum: .nanoseconds(10))
        #expect(raised.maximum == .nanoseconds(5_000))
        #expect(raised.isFixed)
        #expect(!cut.isFixed)
        #expect(cut.description == "2000 ns + exponential tail of mean 1000 ns, at most 3500 ns")
        #expect(LatencyDistribution.fixed(.nanoseconds(900)).description == "900 ns")
    }
}
