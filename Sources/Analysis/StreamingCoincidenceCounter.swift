/// Pair coincidence counting over time tags that arrive in chunks, with the same result as
/// `CoincidenceCounter.countPairs` on the concatenated streams.
///
/// Each call hands over the next tags of channel A and channel B (either may be empty). The
/// counter counts every A tag whose whole window is already covered by the B tags seen, keeps
/// the rest (and the B tags they may still pair with) for the next call, and checks that each
/// stream stays sorted across chunk boundaries. Tags are known complete up to the smaller of the
/// two streams' latest timestamps, or up to `completeBeforePicoseconds` when the caller knows more
/// (a tagger's chunk end time).
public struct StreamingCoincidenceCounter: Sendable {
    /// The largest separation counted (ps); the interval is ±window.
    public let windowPicoseconds: Int64
    /// t_B − t_A of a true coincidence (ps).
    public let delayPicoseconds: Int64
    /// Pairs counted so far (final ones included only after `finish()`).
    public private(set) var countedPairs = 0

    private var pendingA: [Int64] = []
    private var bufferB: [Int64] = []
    private var latestA = Int64.min
    private var latestB = Int64.min
    private var completeBefore = Int64.min
    private var seenA = false
    private var seenB = false

    /// A counter for the window and delay of `CoincidenceCounter.countPairs`.
    public init(windowPicoseconds: Int64, delayPicoseconds: Int64 = 0) throws(AnalysisError) {
        try CoincidenceCounter.checkWindow(windowPicoseconds)
        self.windowPicoseconds = windowPicoseconds
        self.delayPicoseconds = delayPicoseconds
    }

    /// Takes the next chunk of each stream. `completeBeforePicoseconds`, when given, promises that
    /// no later tag of either stream is earlier than it; a later tag that breaks the promise is an
    /// `unsortedTags` error.
    public mutating func append(channelA: [Int64], channelB: [Int64],
                                completeBeforePicoseconds: Int64? = nil) throws(AnalysisError) {
        try CoincidenceCounter.checkSorted(channelA, "channel A (chunk)", after: max(latestA, completeBefore))
        try CoincidenceCounter.checkSorted(channelB, "channel B (chunk)", after: max(latestB, completeBefore))
        if let last = channelA.last { latestA = last; seenA = true }
        if let last = channelB.last { latestB = last; seenB = true }
        if let completeBeforePicoseconds { completeBefore = max(completeBefore, completeBeforePicoseconds) }
        pendingA.append(contentsOf: channelA)
        bufferB.append(contentsOf: channelB)
        // Every tag earlier than `known` has been delivered, on both streams.
        let known = max(completeBefore, seenA && seenB ? min(latestA, latestB) : .min)
        // A tags whose window ends before `known` can be counted now.
        let ready = pendingA.withUnsafeBufferPointer { a -> Int in
            var lo = 0, hi = a.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if a[mid] &+ delayPicoseconds &+ windowPicoseconds < known { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }
        guard ready > 0 else { return }
        var low = 0
        countedPairs += pendingA.withUnsafeBufferPointer { a in
            bufferB.withUnsafeBufferPointer { b in
                CoincidenceCounter.countPairs(UnsafeBufferPointer(rebasing: a[0..<ready]), b, windowPicoseconds,
                                              delayPicoseconds, from: &low)
            }
        }
        pendingA.removeFirst(ready)
        // B tags earlier than the next A tag's window can never be counted again.
        let nextA = pendingA.first ?? max(latestA, completeBefore)
        guard nextA != .min else { return }
        let earliestNeeded = nextA &+ delayPicoseconds &- windowPicoseconds
        let drop = bufferB.withUnsafeBufferPointer { b -> Int in
            var lo = 0, hi = b.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if b[mid] < earliestNeeded { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }
        bufferB.removeFirst(drop)
    }

    /// Counts the tags still held (the streams have ended) and returns the total number of pairs.
    public mutating func finish() -> Int {
        var low = 0
        countedPairs += pendingA.withUnsafeBufferPointer { a in
            bufferB.withUnsafeBufferPointer { b in
                CoincidenceCounter.countPairs(a, b, windowPicoseconds, delayPicoseconds, from: &low)
            }
        }
        pendingA.removeAll()
        bufferB.removeAll()
        return countedPairs
    }
}
