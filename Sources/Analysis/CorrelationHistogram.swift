/// The histogram of delays τ = t_B − t_A − delay between all click pairs of two channels within
/// ±range: the start–stop histogram of a Hanbury Brown–Twiss or cross-correlation measurement.
public struct CorrelationHistogram: Sendable, Hashable {
    /// Width of each bin (ps).
    public var binWidthPicoseconds: Int64
    /// The histogram covers −range ≤ τ < −range + bins · binWidth (ps).
    public var rangePicoseconds: Int64
    /// Pairs per bin; bin i covers [−range + i·binWidth, −range + (i + 1)·binWidth).
    public var counts: [Int]

    /// Histograms all pairs of two sorted streams with |τ| ≤ range, τ = t_B − t_A − delay. The
    /// number of bins is ⌈2·range/binWidth⌉ (the last bin may reach past +range; pairs beyond +range
    /// are not counted). O(n + m + pairs).
    public init(channelA: [Int64], channelB: [Int64], binWidthPicoseconds: Int64, rangePicoseconds: Int64,
                delayPicoseconds: Int64 = 0) throws(AnalysisError) {
        guard binWidthPicoseconds > 0 else {
            throw .invalidParameter(name: "bin width (ps)", value: "\(binWidthPicoseconds)", expected: "> 0")
        }
        guard rangePicoseconds > 0, rangePicoseconds / binWidthPicoseconds <= 50_000_000 else {
            throw .invalidParameter(name: "histogram range (ps)", value: "\(rangePicoseconds)",
                                    expected: "> 0 and at most 10⁸ bins")
        }
        try CoincidenceCounter.checkSorted(channelA, "channel A")
        try CoincidenceCounter.checkSorted(channelB, "channel B")
        self.binWidthPicoseconds = binWidthPicoseconds
        self.rangePicoseconds = rangePicoseconds
        let binCount = Int((2 * rangePicoseconds + binWidthPicoseconds - 1) / binWidthPicoseconds)
        var counts = [Int](repeating: 0, count: binCount)
        var lo = 0
        for a in channelA {
            let shifted = a + delayPicoseconds
            while lo < channelB.count && channelB[lo] < shifted - rangePicoseconds { lo += 1 }
            var j = lo
            while j < channelB.count && channelB[j] <= shifted + rangePicoseconds {
                let bin = Int((channelB[j] - shifted + rangePicoseconds) / binWidthPicoseconds)
                if bin < binCount { counts[bin] += 1 }
                j += 1
            }
        }
        self.counts = counts
    }

    /// The lower edge of bin `index` (ps).
    public func binStartPicoseconds(_ index: Int) -> Int64 {
        -rangePicoseconds + Int64(index) * binWidthPicoseconds
    }

    /// The total of the bins whose lower edge lies in [from, through] (ps).
    public func sum(from start: Int64, through end: Int64) -> Int {
        var total = 0
        for (index, count) in counts.enumerated() {
            let edge = binStartPicoseconds(index)
            if edge >= start && edge <= end { total += count }
        }
        return total
    }
}
