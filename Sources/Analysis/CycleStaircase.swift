/// Gate mode's exact mapping: the offset Bob − Alice is a whole number of cycles that steps by
/// one (up with a positive drift, down with a negative one) at particular Alice cycles.
///
/// Found from the pairs themselves (``CycleAlignment``): around each cycle where the fitted line
/// crosses a half-integer, the step is put where the most pair weight agrees with "old level
/// before, new level after" (a split of the pairs sorted by Alice cycle). Its position is then
/// uncertain by about the gap between neighbouring pairs, instead of the line's error divided
/// by the drift.
public struct CycleStaircase: Hashable, Sendable {
    /// Bob − Alice before the first step.
    public var firstOffset: Int64
    /// The Alice cycles at which each step takes effect (the first cycle at the new level), ascending.
    public var stepCycles: [Int64]
    /// +1 when the offset steps up (Bob's clock gains on Alice's), −1 when it steps down.
    public var stepDirection: Int64
    /// The Alice cycles the pairs covered: outside them the steps are extrapolated from the line.
    public var aliceCycles: ClosedRange<Int64>

    /// The most steps a staircase is built with (1000 ppm over 10⁹ cycles); beyond, the data are
    /// not a drifting clock and ``CycleMapping/staircase`` stays nil.
    public static let mostSteps = 1_000_000

    /// Bob − Alice at Alice's cycle `aliceCycle`, from the steps.
    public func offset(forAlice aliceCycle: Int64) -> Int64 {
        var low = 0, high = stepCycles.count
        while low < high {
            let middle = (low + high) / 2
            if stepCycles[middle] <= aliceCycle { low = middle + 1 } else { high = middle }
        }
        return firstOffset &+ stepDirection &* Int64(low)
    }
}
