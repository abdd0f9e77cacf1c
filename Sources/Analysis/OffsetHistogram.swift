/// The histogram of offsets (Bob − Alice, minus a predicted offset) over one block of Alice's
/// detections, its peak, and the strongest competitor: the core step of ``CycleAlignment``.
///
/// Each bin holds the summed pair weights S (``AlignmentEvidence``) and the number V of pairs with a
/// non-zero weight. Peaks are scored over two adjacent bins (a peak may straddle a bin edge); the
/// competitor is the strongest two-bin score that does not touch the peak or its neighbours. Since
/// S of a bin is a sum of V independent ±1 (or 1) terms, its variance is at most V, and the
/// significance z = (|S_peak| − |S_competitor|)/√(V_peak + V_competitor).
struct OffsetHistogram {
    /// The residual offset of bin 0's lower edge.
    let lowestResidual: Int64
    let binWidth: Int64
    var weightSums: [Int]
    var weightedPairs: [Int]
    /// Per bin: Σ weight·residual, for the peak's mean residual.
    var residualSums: [Double]

    /// A histogram of residuals from `lowestResidual` in `binCount` bins of `binWidth`.
    init(lowestResidual: Int64, binWidth: Int64, binCount: Int) {
        self.lowestResidual = lowestResidual
        self.binWidth = binWidth
        weightSums = Array(repeating: 0, count: binCount)
        weightedPairs = Array(repeating: 0, count: binCount)
        residualSums = Array(repeating: 0, count: binCount)
    }

    /// Fills the histogram with every pair (a in `alice[block]`, b in `bob`) whose residual
    /// b − a − predicted(a) falls inside it. `bob` is sorted; the predicted offset grows slowly with a.
    mutating func fill(alice: ArraySlice<AlignmentDetection>, bob: [AlignmentDetection], evidence: AlignmentEvidence,
                       predictedOffset: (Int64) -> Int64) {
        // In Int128: positions anywhere in Int64, offsets and windows cannot overflow.
        let span = Int128(weightSums.count) * Int128(binWidth)
        if binWidth == 1, fillCycles(alice: alice, bob: bob, evidence: evidence, predictedOffset: predictedOffset) != nil { return }
        var first = bob.startIndex
        for a in alice {
            let low = Int128(a.position) + Int128(predictedOffset(a.position)) + Int128(lowestResidual)
            first = Self.firstIndex(in: bob, atLeast: Int64(clamping: low), from: first)
            var index = first
            while index < bob.endIndex && Int128(bob[index].position) - low < span {
                let offsetFromLow = Int128(bob[index].position) - low
                let weight = evidence.weight(a, bob[index])
                if weight != 0 && offsetFromLow >= 0 {
                    let bin = Int(offsetFromLow / Int128(binWidth))
                    weightSums[bin] += weight
                    weightedPairs[bin] += 1
                    residualSums[bin] += Double(weight) * Double(offsetFromLow + Int128(lowestResidual))
                }
                index += 1
            }
        }
    }

    /// Gate mode (bin width 1) with every position, offset and residual inside ±2⁶⁰ (always so for cycle indices): the
    /// same sums as the general loop, in Int64 and without a division per pair (the Int128
    /// division dominated a start-up search over 10⁵ cycles). Nil when a window could leave that
    /// range: the general loop then runs.
    private mutating func fillCycles(alice: ArraySlice<AlignmentDetection>, bob: [AlignmentDetection], evidence: AlignmentEvidence,
                                     predictedOffset: (Int64) -> Int64) -> Void? {
        let limit: UInt64 = 1 << 60
        let span = Int64(weightSums.count)
        guard lowestResidual.magnitude < limit, UInt64(span) < limit, bob.allSatisfy({ $0.position.magnitude < limit }) else { return nil }
        for a in alice where a.position.magnitude >= limit || predictedOffset(a.position).magnitude >= limit { return nil }
        var first = bob.startIndex
        for a in alice {
            let low = a.position + predictedOffset(a.position) + lowestResidual
            first = Self.firstIndex(in: bob, atLeast: low, from: first)
            var index = first
            while index < bob.endIndex && bob[index].position - low < span {
                let bin = Int(bob[index].position - low)
                let weight = evidence.weight(a, bob[index])
                if weight != 0 && bin >= 0 {
                    weightSums[bin] += weight
                    weightedPairs[bin] += 1
                    residualSums[bin] += Double(weight) * Double(Int64(bin) + lowestResidual)
                }
                index += 1
            }
        }
        return ()
    }

    /// The first index of sorted `detections` at or after `position`: a forward walk from `hint`
    /// while the window moves forward (the usual case), a binary search when it moved back.
    static func firstIndex(in detections: [AlignmentDetection], atLeast position: Int64, from hint: Int) -> Int {
        var index = hint
        if index > detections.startIndex && detections[index - 1].position >= position {
            var low = detections.startIndex, high = index
            while low < high {
                let middle = (low + high) / 2
                if detections[middle].position < position { low = middle + 1 } else { high = middle }
            }
            return low
        }
        while index < detections.endIndex && detections[index].position < position { index += 1 }
        return index
    }

    /// The two-bin peak (its first bin), its score and variance, and the competitor's.
    struct Peak {
        var firstBin: Int
        var score: Int, variance: Int
        var competitorScore: Int, competitorVariance: Int
        /// Mean S per bin away from the peak (the accidentals' level), for peak over background.
        var backgroundPerBin: Double

        /// z = (|S_peak| − |S_competitor|)/√(V_peak + V_competitor).
        var significance: Double {
            let variance = Double(variance + competitorVariance)
            guard variance > 0 else { return 0 }
            return (Double(abs(score)) - Double(abs(competitorScore))) / variance.squareRoot()
        }
    }

    /// The strongest two-bin peak and its competitor.
    func peak() -> Peak {
        let pairCount = weightSums.count - 1
        func score(_ bin: Int) -> Int { weightSums[bin] + weightSums[bin + 1] }
        var best = 0
        for bin in 1..<pairCount where abs(score(bin)) > abs(score(best)) { best = bin }
        var competitor: Int?
        var backgroundSum = 0, backgroundBins = 0
        for bin in 0..<pairCount where bin + 1 < best - 1 || bin > best + 2 {
            if competitor.map({ abs(score(bin)) > abs(score($0)) }) ?? true { competitor = bin }
        }
        for bin in weightSums.indices where bin < best - 1 || bin > best + 2 {
            backgroundSum += weightSums[bin]
            backgroundBins += 1
        }
        return Peak(firstBin: best, score: score(best), variance: weightedPairs[best] + weightedPairs[best + 1],
                    competitorScore: competitor.map(score) ?? 0,
                    competitorVariance: competitor.map { weightedPairs[$0] + weightedPairs[$0 + 1] } ?? 0,
                    backgroundPerBin: backgroundBins > 0 ? Double(backgroundSum) / Double(backgroundBins) : 0)
    }

    /// The mean residual of the pairs in the peak and one bin either side, with the accidentals'
    /// uniform level (`backgroundPerBin`, at each bin's centre) taken out, and the net pair count.
    func meanResidual(around peak: Peak) -> (residual: Double, pairs: Double)? {
        let bins = Swift.max(0, peak.firstBin - 1)...Swift.min(weightSums.count - 1, peak.firstBin + 2)
        let sign = peak.score < 0 ? -1.0 : 1.0
        var weight = 0.0, moment = 0.0
        for bin in bins {
            let centre = Double(lowestResidual) + (Double(bin) + 0.5) * Double(binWidth) - 0.5
            weight += sign * (Double(weightSums[bin]) - peak.backgroundPerBin)
            moment += sign * (residualSums[bin] - peak.backgroundPerBin * centre)
        }
        guard weight > 0 else { return nil }
        return (moment / weight, weight)
    }
}
