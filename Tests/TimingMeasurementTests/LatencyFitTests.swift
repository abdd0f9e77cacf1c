import HAL
import Testing
import TimingMeasurement

/// The estimators, worked by hand on small samples.
@Suite struct LatencyFitTests {
    /// Samples 16, 10, 13, 11: least 10, spread 0 + 1 + 3 + 6 = 10, so τ̂ = 10/3 and
    /// m̂ = 10 − τ̂/4 = 9.1667; nearest-rank median (rank 2) 11, p99 (rank 4) 16.
    @Test func theShiftedExponentialsEstimatorsByHand() {
        let fit = LatencyFit(samples: [16, 10, 13, 11])
        #expect(fit.sampleCount == 4)
        #expect(abs(fit.tailMeanNanoseconds - 10.0 / 3) < 1e-12)
        #expect(abs(fit.floorNanoseconds - (10 - 10.0 / 12)) < 1e-12)
        #expect(fit.smallestNanoseconds == 10 && fit.largestNanoseconds == 16)
        #expect(fit.medianNanoseconds == 11 && fit.p99Nanoseconds == 16)
        #expect(abs(fit.tailMeanStandardErrorNanoseconds - (10.0 / 3) / 3.0.squareRoot()) < 1e-12)
        #expect(abs(fit.modelQuantileNanoseconds(0.5) - (fit.floorNanoseconds + fit.tailMeanNanoseconds * 0.693_147_180_559_945_3)) < 1e-9)
        // Less an offset of 5 ns: floor 9 − 5, tail 3, maximum 16 − 5.
        #expect(fit.distribution(minus: .nanoseconds(5))
            == LatencyDistribution(minimum: .nanoseconds(4), tailMean: .nanoseconds(3), maximum: .nanoseconds(11)))
        // An offset beyond the floor leaves it at zero, never negative.
        #expect(fit.distribution(minus: .nanoseconds(20)).minimum == .zero)
    }

    @Test func aFixedLatencyHasNoTail() {
        let fit = LatencyFit(samples: [700, 700, 700])
        #expect(fit.distribution() == .fixed(.nanoseconds(700)))
        #expect(fit.tailMeanStandardErrorNanoseconds == 0)
    }

    /// Spans 110, 120, 130 with a 10 ns clock read: costs 100, 110, 120, mean 110, median 110,
    /// s² = 100, standard error √(100/3).
    @Test func aCostIsTheMeanSpanLessOneClockRead() {
        let cost = CostEstimate(spans: [130, 110, 120], clockReadNanoseconds: 10)
        #expect(cost.meanNanoseconds == 110 && cost.medianNanoseconds == 110 && cost.nanoseconds == 110)
        #expect(abs(cost.standardErrorNanoseconds - (100.0 / 3).squareRoot()) < 1e-12)
        let extra = CostEstimate(spans: [260, 260], clockReadNanoseconds: 10).minus(cost)
        #expect(extra.meanNanoseconds == 140 && abs(extra.standardErrorNanoseconds - cost.standardErrorNanoseconds) < 1e-12)
        // A cost the clock cannot resolve is zero, not negative.
        #expect(CostEstimate(spans: [5], clockReadNanoseconds: 10).nanoseconds == 0)
    }
}
