extension CycleAlignment {
    /// The staircase under the line `fit` (through the staircase's middle, so the level at x is
    /// the rounded line), with each step placed from the pairs within one cycle of the line.
    static func staircase(fit: StraightLineFit, alice: [AlignmentDetection], bob: [AlignmentDetection],
                          evidence: AlignmentEvidence, peakSign: Double) -> CycleStaircase? {
        guard let first = alice.first?.position, let last = alice.last?.position else { return nil }
        // The pairs near the line: (Alice cycle, offset, signed weight), in Alice order.
        var pairs: [(alice: Int64, offset: Int64, weight: Double)] = []
        var start = bob.startIndex
        for a in alice {
            let level = CycleMapping.nearestWhole(fit.value(at: Double(a.position)))
            let low = Int128(a.position) + Int128(level) - 1
            start = OffsetHistogram.firstIndex(in: bob, atLeast: Int64(clamping: low), from: start)
            var cursor = start
            while cursor < bob.endIndex && Int128(bob[cursor].position) <= low + 2 {
                let weight = Double(evidence.weight(a, bob[cursor])) * peakSign
                if weight != 0 {
                    pairs.append((a.position, Int64(clamping: Int128(bob[cursor].position) - Int128(a.position)), weight))
                }
                cursor += 1
            }
        }
        let direction: Int64 = fit.slope < 0 ? -1 : 1
        let firstLevel = CycleMapping.nearestWhole(fit.value(at: Double(first)))
        let lastLevel = CycleMapping.nearestWhole(fit.value(at: Double(last)))
        // More steps than any clock drift gives over a run (1000 ppm over 10⁹ cycles): no staircase.
        guard abs(Int128(lastLevel) - Int128(firstLevel)) <= Int128(CycleStaircase.mostSteps) else { return nil }
        var steps: [Int64] = []
        var level = firstLevel
        var pairIndex = 0
        while level != lastLevel, fit.slope != 0 {
            let next = level + direction
            // Where the line crosses the half-integer between the two levels, and a window around
            // it that stops short of the neighbouring crossings.
            let crossing = fit.referenceX + ((Double(level) + Double(next)) / 2 - fit.intercept) / fit.slope
            let halfWindow = 0.45 / abs(fit.slope)
            while pairIndex < pairs.count && Double(pairs[pairIndex].alice) < crossing - halfWindow { pairIndex += 1 }
            var window = pairIndex
            // Moving the step past a pair trades its "after" vote for its "before" vote.
            var candidates: [(alice: Int64, change: Double)] = []
            while window < pairs.count && Double(pairs[window].alice) <= crossing + halfWindow {
                let pair = pairs[window]
                if pair.offset == level { candidates.append((pair.alice, pair.weight)) }
                if pair.offset == next { candidates.append((pair.alice, -pair.weight)) }
                window += 1
            }
            // Gain 0: the step before every candidate (at the first); else just after candidate k.
            var gain = 0.0, bestGain = 0.0
            var bestStep = candidates.first?.alice ?? CycleMapping.nearestWhole(crossing)
            // Score of a step just after candidate k, relative to a step before them all.
            for (k, candidate) in candidates.enumerated() {
                gain += candidate.change
                // In Int128: cycles at the ends of Int64 cannot overflow.
                let nextCycle = k + 1 < candidates.count ? Int128(candidates[k + 1].alice) : Int128(candidate.alice) + 1
                if gain > bestGain && nextCycle > Int128(candidate.alice) {
                    bestGain = gain
                    bestStep = Int64(clamping: Int128(candidate.alice) + (nextCycle - Int128(candidate.alice) + 1) / 2)
                }
            }
            steps.append(Swift.max(bestStep, steps.last ?? .min))
            level = next
        }
        return CycleStaircase(firstOffset: firstLevel, stepCycles: steps, stepDirection: direction, aliceCycles: first...last)
    }
}
