/// Pair coincidence counting over time tags that arrive in chunks (a tagger's buffers, a file
/// read piece by piece), with the same result as `CoincidenceCounter.countPairs` on the
/// concatenated streams.
///
/// Each call hands over the next tags of channel A and channel B (either may be empty). The
/// counter counts every A tag whose whole window is already covered by the B tags seen, keeps
/// the rest (and the B tags they may still pair with) for the next call, and checks that each
/// stream stays sorted across chunk boundaries. Tags are known complete up to the smaller of the
/// two streams' latest timestamps, or up to `completeBeforePicoseconds` when the caller knows more
/// (a tagger's chunk end time).
///
/// The pairs of a union are the sum of the pairs of its parts, on either side, so a chunk is
/// counted where it lies — held A tags and the chunk's ready A tags, each against the held B tags
/// and the chunk's B tags — and only the tails still in play are copied: the tags near the edge
/// of what is known, a few hundred for two channels at similar rates.
public struct StreamingCoincidenceCounter: Sendable {
    /// The largest separation counted (ps); the interval is ±window.
    public let windowPicoseconds: Int64
    /// t_B − t_A of a true coincidence (ps).
    public let delayPicoseconds: Int64
    /// Pairs counted so far (final ones included only after `finish()`).
    public private(set) var countedPairs = 0

    /// A tags not counted yet, and the B tags they may pair with.
    private var heldA: [Int64] = []
    private var heldB: [Int64] = []
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
        heldA.reserveCapacity(1 << 12)
        heldB.reserveCapacity(1 << 12)
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
        // Every tag earlier than `known` has been delivered, on both streams; an A tag is ready when
        // its window ends before it: a + delay + window < known (in Int128, which the sum fits).
        let known = max(completeBefore, seenA && seenB ? min(latestA, latestB) : .min)
        let readyBelow = Int128(known) - Int128(delayPicoseconds) - Int128(windowPicoseconds)
        let readyHeld = Self.countBelow(heldA, readyBelow)
        let readyChunk = readyHeld == heldA.count ? Self.countBelow(channelA, readyBelow) : 0
        let (window, delay) = (windowPicoseconds, delayPicoseconds)
        countedPairs += heldA.withUnsafeBufferPointer { held in
            channelA.withUnsafeBufferPointer { chunk in
                heldB.withUnsafeBufferPointer { heldB in
                    channelB.withUnsafeBufferPointer { chunkB in
                        var pairs = 0
                        for readyA in [UnsafeBufferPointer(rebasing: held[..<readyHeld]), UnsafeBufferPointer(rebasing: chunk[..<readyChunk])]
                        where !readyA.isEmpty {
                            pairs += CoincidenceCounter.countPairs(readyA, heldB, window, delay)
                            pairs += CoincidenceCounter.countPairs(readyA, chunkB, window, delay)
                        }
                        return pairs
                    }
                }
            }
        }
        heldA.removeFirst(readyHeld)
        heldA.append(contentsOf: channelA[readyChunk...])
        // B tags earlier than the next A tag's window can never be counted again.
        let nextA = heldA.first ?? max(latestA, completeBefore)
        let neededFrom = Int128(nextA) + Int128(delay) - Int128(window)
        let spentHeld = Self.countBelow(heldB, neededFrom)
        let spentChunk = spentHeld == heldB.count ? Self.countBelow(channelB, neededFrom) : 0
        heldB.removeFirst(spentHeld)
        heldB.append(contentsOf: channelB[spentChunk...])
    }

    /// Counts the tags still held (the streams have ended) and returns the total number of pairs.
    public mutating func finish() -> Int {
        countedPairs += heldA.withUnsafeBufferPointer { a in
            heldB.withUnsafeBufferPointer { b in CoincidenceCounter.countPairs(a, b, windowPicoseconds, delayPicoseconds) }
        }
        heldA.removeAll()
        heldB.removeAll()
        return countedPairs
    }

    /// How many of the sorted `tags` are below `bound`, by bisection.
    static func countBelow(_ tags: [Int64], _ bound: Int128) -> Int {
        var low = 0, high = tags.count
        while low < high {
            let middle = (low + high) / 2
            if Int128(tags[middle]) < bound { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
