/// Which pulses a node must ask the world about to know everything that reaches its cycles.
extension LinkWorld {
    /// The longest cascade delay Δ_XX + Δt the range below allows for: 100·max(τ_XX, τ_X), which a
    /// photon exceeds with probability below 2e^{−50} ≈ 4·10⁻²² (each exponential exceeds half of it
    /// with probability at most e^{−50}).
    public var longestCascadeDelayPicoseconds: Int64 {
        Picoseconds.rounded(100 * Swift.max(parameters.source.biexcitonLifetimePicoseconds,
                                            parameters.source.excitonLifetimePicoseconds))
    }

    /// Alice's cycles whose photon can reach Bob within his cycles `bobCycles`: the pulses fired
    /// between (start of the first cycle − fixed delay − ``longestCascadeDelayPicoseconds``) and (end
    /// of the last − fixed delay), both converted through the two clocks. Bob's process walks
    /// these pulses to learn what arrives in his cycles.
    public func aliceCycles(reachingBobCycles bobCycles: ClosedRange<Int64>) -> ClosedRange<Int64> {
        let bobStart = parameters.bobClock.truePicoseconds(
            atLocal: parameters.bobCycles.startPicoseconds(ofCycle: bobCycles.lowerBound))
        let bobEnd = parameters.bobClock.truePicoseconds(
            atLocal: parameters.bobCycles.startPicoseconds(ofCycle: bobCycles.upperBound &+ 1))
        let fixed = parameters.bobFixedDelayPicoseconds
        let earliestPulse = bobStart &- fixed &- longestCascadeDelayPicoseconds
        let latestPulse = bobEnd &- fixed
        let first = parameters.aliceCycles.cycle(containingLocal: parameters.aliceClock.localPicoseconds(atTrue: earliestPulse))
        let last = parameters.aliceCycles.cycle(containingLocal: parameters.aliceClock.localPicoseconds(atTrue: latestPulse))
        // The first cycle containing the earliest pulse time may have fired just before it: start one later.
        return Swift.min(first &+ 1, last)...last
    }
}

extension LinkWorld {
    /// Alice's cycles (pulses) whose photon can reach `node` within its cycles `cycles`: for Bob
    /// ``aliceCycles(reachingBobCycles:)``; for Alice the same bounds through her own arm's delay.
    public func aliceCycles(reaching node: LinkNode, cycles: ClosedRange<Int64>) -> ClosedRange<Int64> {
        guard node == .alice else { return aliceCycles(reachingBobCycles: cycles) }
        let clock = parameters.aliceClock, timing = parameters.aliceCycles
        let start = clock.truePicoseconds(atLocal: timing.startPicoseconds(ofCycle: cycles.lowerBound))
        let end = clock.truePicoseconds(atLocal: timing.startPicoseconds(ofCycle: cycles.upperBound &+ 1))
        let fixed = parameters.aliceArm.arrivalDelayPicoseconds
        let first = timing.cycle(containingLocal: clock.localPicoseconds(atTrue: start &- fixed &- longestCascadeDelayPicoseconds))
        let last = timing.cycle(containingLocal: clock.localPicoseconds(atTrue: end &- fixed))
        return Swift.min(first &+ 1, last)...last
    }
}
