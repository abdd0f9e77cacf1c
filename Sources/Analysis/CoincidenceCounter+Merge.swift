/// The pair count as two rank sums, merged without branches.
///
/// With lo_i the number of B tags below a_i + delay − window and hi_i the number at or below
/// a_i + delay + window (that is, below a_i + delay + window + 1: timestamps are integers), the
/// pairs of A tag i are hi_i − lo_i, and the pairs in all are Σ hi_i − Σ lo_i. Each sum is one
/// merge of the shifted A stream into B: a step takes whichever tag comes first, and taking an
/// A tag adds the B tags already taken. A step is a compare and three adds on its result — no
/// branch to mispredict on Poisson arrivals, where the classic two-pointer loop (advance lo,
/// advance hi, add hi − lo) guesses wrong about once per tag. A merge is one chain of dependent
/// loads, so four run side by side (lo and hi over each half of A; the second half starts at
/// its first tag's rank, found by bisection) and the core overlaps their latencies.
///
/// Arithmetic wraps (`&+`) only where it cannot: `countPairs` takes this path when the shifted
/// first and last A tags fit in Int64 (A is sorted, so every shifted tag lies between them), and
/// the rank sums, each at most n·m, may wrap only in intermediate steps of Σ hi − Σ lo, whose
/// true value, at most n·m, is what `countPairs` returns.
extension CoincidenceCounter {
    /// Σ over A of the B tags below a_i + shift, for a_i in [start, end), run one step at a time.
    struct RankSumMerge {
        /// The next A tag to place, and where this merge's part of A ends.
        var a: Int
        let aEnd: Int
        /// B tags taken so far: the rank of the next A tag is at least this.
        var b: Int
        let shift: Int64
        var rankSum = 0

        /// A merge of A tags [start, end) shifted by `shift`, started at the rank of the first.
        @inline(__always)
        init(_ tagsA: UnsafePointer<Int64>, from start: Int, to end: Int, into tagsB: UnsafePointer<Int64>, count countB: Int,
             shift: Int64) {
            a = start
            aEnd = end
            self.shift = shift
            var low = 0, high = countB
            if start < end {
                let first = tagsA[start] &+ shift
                while low < high {
                    let middle = (low &+ high) >> 1
                    if tagsB[middle] < first { low = middle &+ 1 } else { high = middle }
                }
            }
            b = low
        }

        @inline(__always)
        func running(_ countB: Int) -> Bool { a < aEnd && b < countB }

        /// Takes the earlier of the next B tag and the next shifted A tag (B first on a tie:
        /// "below" is strict), as arithmetic on the comparison.
        @inline(__always)
        mutating func step(_ tagsA: UnsafePointer<Int64>, _ tagsB: UnsafePointer<Int64>) {
            let bFirst = tagsB[b] < tagsA[a] &+ shift ? 1 : 0
            rankSum &+= (1 &- bFirst) &* b
            b &+= bFirst
            a &+= 1 &- bFirst
        }

        /// Runs to the end of this merge's A tags and returns the sum; A tags after the last B
        /// tag each rank all of B.
        @inline(__always)
        mutating func finish(_ tagsA: UnsafePointer<Int64>, _ tagsB: UnsafePointer<Int64>, count countB: Int) -> Int {
            while running(countB) { step(tagsA, tagsB) }
            return rankSum &+ (aEnd &- a) &* b
        }
    }

    /// The pairs with |b − a − delay| ≤ window on sorted buffers, by the four merges; nil when
    /// a shifted tag could leave Int64 (then `countPairsExactly`).
    static func countPairsMerging(_ tagsA: UnsafeBufferPointer<Int64>, _ tagsB: UnsafeBufferPointer<Int64>,
                                  windowPicoseconds window: Int64, delayPicoseconds delay: Int64) -> Int? {
        let countA = tagsA.count, countB = tagsB.count
        guard let a = tagsA.baseAddress, let b = tagsB.baseAddress, countA > 0, countB > 0 else { return 0 }
        let (lowShift, lowOverflow) = delay.subtractingReportingOverflow(window)
        let (reach, reachOverflow) = delay.addingReportingOverflow(window)
        let (highShift, highOverflow) = reach.addingReportingOverflow(1)
        guard !lowOverflow, !reachOverflow, !highOverflow,
              !a[0].addingReportingOverflow(lowShift).overflow,
              !a[countA - 1].addingReportingOverflow(highShift).overflow else { return nil }
        return countPairsMerging(a, countA, b, countB, lowShift: lowShift, highShift: highShift)
    }

    static func countPairsMerging(_ a: UnsafePointer<Int64>, _ countA: Int, _ b: UnsafePointer<Int64>, _ countB: Int,
                                  lowShift: Int64, highShift: Int64) -> Int {
        let half = countA / 2
        var lowFirst = RankSumMerge(a, from: 0, to: half, into: b, count: countB, shift: lowShift)
        var highFirst = RankSumMerge(a, from: 0, to: half, into: b, count: countB, shift: highShift)
        var lowSecond = RankSumMerge(a, from: half, to: countA, into: b, count: countB, shift: lowShift)
        var highSecond = RankSumMerge(a, from: half, to: countA, into: b, count: countB, shift: highShift)
        while lowFirst.running(countB) && highFirst.running(countB) && lowSecond.running(countB) && highSecond.running(countB) {
            lowFirst.step(a, b)
            highFirst.step(a, b)
            lowSecond.step(a, b)
            highSecond.step(a, b)
        }
        let high = highFirst.finish(a, b, count: countB) &+ highSecond.finish(a, b, count: countB)
        let low = lowFirst.finish(a, b, count: countB) &+ lowSecond.finish(a, b, count: countB)
        return high &- low
    }

    /// The classic two-pointer loop with the window's edges in Int128, for tags so near the ends
    /// of Int64 that a shifted tag would not fit.
    static func countPairsExactly(_ tagsA: UnsafeBufferPointer<Int64>, _ tagsB: UnsafeBufferPointer<Int64>,
                                  windowPicoseconds window: Int64, delayPicoseconds delay: Int64) -> Int {
        var count = 0
        var low = 0, high = 0
        for tag in tagsA {
            let earliest = Int128(tag) + Int128(delay) - Int128(window)
            let latest = Int128(tag) + Int128(delay) + Int128(window)
            while low < tagsB.count && Int128(tagsB[low]) < earliest { low += 1 }
            high = max(high, low)
            while high < tagsB.count && Int128(tagsB[high]) <= latest { high += 1 }
            count += high - low
        }
        return count
    }
}
