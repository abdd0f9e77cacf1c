/// The CPU time one kind of HAL call costs, from timed calls: each call between two clock reads,
/// less the one clock read that the span also holds.
///
/// A call timed as t₁ − t₀ (two `HardwareClock.now` reads around it) spans the call and one whole
/// clock read — the second read returns a time taken at its start, the first at its start too — so
/// the call's cost is t₁ − t₀ − c, with c the clock read's own cost. The profile takes the mean:
/// the loop pays every call, so its time budget is the sum, and an occasional preempted call belongs
/// in it. The median is kept beside it, and the standard error of the mean, s/√n.
public struct CostEstimate: Sendable, Hashable {
    /// How many calls were timed.
    public var sampleCount: Int
    /// The mean cost, ns.
    public var meanNanoseconds: Double
    /// The median cost (nearest rank), ns.
    public var medianNanoseconds: Double
    /// The standard error of the mean, s/√n, ns.
    public var standardErrorNanoseconds: Double

    /// The cost of calls whose timed spans were `spans` (ns, each holding one clock read too),
    /// `clockReadNanoseconds` being that read's cost. At least one span.
    public init(spans: [Int64], clockReadNanoseconds: Double) {
        precondition(!spans.isEmpty, "a cost needs at least one timed call")
        let costs = spans.map { Double($0) - clockReadNanoseconds }
        self.init(costs: costs)
    }

    /// The estimate from the calls' costs themselves (ns).
    public init(costs: [Double]) {
        precondition(!costs.isEmpty, "a cost needs at least one timed call")
        let n = Double(costs.count)
        let mean = costs.reduce(0, +) / n
        let variance = costs.count > 1 ? costs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1) : 0
        let sorted = costs.sorted()
        sampleCount = costs.count
        meanNanoseconds = mean
        medianNanoseconds = sorted[min(max(Int((0.5 * n).rounded(.up)), 1), sorted.count) - 1]
        standardErrorNanoseconds = (variance / n).squareRoot()
    }

    /// The difference `self − other` of two means (the extra cost of one kind of call over
    /// another), its standard error √(s₁²/n₁ + s₂²/n₂) and no median of its own (the difference of
    /// the medians stands in).
    public func minus(_ other: CostEstimate) -> CostEstimate {
        var difference = self
        difference.meanNanoseconds = meanNanoseconds - other.meanNanoseconds
        difference.medianNanoseconds = medianNanoseconds - other.medianNanoseconds
        difference.standardErrorNanoseconds = (standardErrorNanoseconds * standardErrorNanoseconds
            + other.standardErrorNanoseconds * other.standardErrorNanoseconds).squareRoot()
        difference.sampleCount = min(sampleCount, other.sampleCount)
        return difference
    }

    /// The mean in whole nanoseconds, at least zero (a cost the clock cannot resolve is zero).
    public var nanoseconds: Int64 { max(Int64(meanNanoseconds.rounded()), 0) }
}
