/// Coincidence counting on sorted time-tag streams (timestamps in picoseconds, non-decreasing).
///
/// Two clicks are coincident when their separation, after removing the channels' relative
/// delay, is at most `windowPicoseconds` — the coincidence interval is ±window, 2·window wide.
/// Every pair (and every n-tuple) within the window counts once, so a burst of several clicks
/// counts all its pairs, as a time-tagger's coincidence histogram does.
public enum CoincidenceCounter {
    /// The number of pairs (i, j) with |b_j − a_i − delay| ≤ window: a sorted merge, O(n + m).
    /// Throws when a stream is unsorted or the window negative.
    public static func countPairs(_ channelA: [Int64], _ channelB: [Int64], windowPicoseconds: Int64,
                                  delayPicoseconds: Int64 = 0) throws(AnalysisError) -> Int {
        try checkWindow(windowPicoseconds)
        try checkSorted(channelA, "channel A")
        try checkSorted(channelB, "channel B")
        return channelA.withUnsafeBufferPointer { a in
            channelB.withUnsafeBufferPointer { b in countPairs(a, b, windowPicoseconds, delayPicoseconds) }
        }
    }

    /// The pairs on sorted buffers (window ≥ 0): the branch-free merges of
    /// `CoincidenceCounter+Merge.swift`, or the exact loop for tags at the ends of Int64.
    static func countPairs(_ a: UnsafeBufferPointer<Int64>, _ b: UnsafeBufferPointer<Int64>, _ window: Int64,
                           _ delay: Int64) -> Int {
        countPairsMerging(a, b, windowPicoseconds: window, delayPicoseconds: delay)
            ?? countPairsExactly(a, b, windowPicoseconds: window, delayPicoseconds: delay)
    }

    /// The number of n-tuples, one tag from each channel, whose delay-corrected timestamps
    /// t_c − delay_c span at most `windowPicoseconds` (max − min ≤ window). For two channels this is
    /// `countPairs` with delay = delay_B − delay_A. O(n · N) for N tags in n channels.
    public static func countNFold(_ channels: [[Int64]], windowPicoseconds: Int64,
                                  delaysPicoseconds: [Int64]? = nil) throws(AnalysisError) -> Int {
        try checkWindow(windowPicoseconds)
        guard channels.count >= 2 else {
            throw .invalidParameter(name: "channel count", value: "\(channels.count)", expected: "≥ 2 channels")
        }
        let delays = delaysPicoseconds ?? [Int64](repeating: 0, count: channels.count)
        guard delays.count == channels.count else {
            throw .mismatchedSettings(detail: "\(channels.count) channels but \(delays.count) delays")
        }
        for (index, channel) in channels.enumerated() { try checkSorted(channel, "channel \(index)") }
        let n = channels.count
        var next = [Int](repeating: 0, count: n)  // first tag of each channel not yet taken as the earliest
        var high = [Int](repeating: 0, count: n)  // first tag of each channel beyond the anchor's window
        var total = 0
        while true {
            // The anchor is the earliest remaining tag in (time, channel) order.
            var anchorChannel = -1
            var anchorTime = Int64.max
            for c in 0..<n where next[c] < channels[c].count {
                let t = channels[c][next[c]] &- delays[c]
                if anchorChannel < 0 || t < anchorTime { anchorChannel = c; anchorTime = t }
            }
            if anchorChannel < 0 { break }
            next[anchorChannel] += 1
            let latest = anchorTime &+ windowPicoseconds
            var product = 1
            for c in 0..<n where c != anchorChannel {
                if high[c] < next[c] { high[c] = next[c] }
                while high[c] < channels[c].count && channels[c][high[c]] &- delays[c] <= latest { high[c] += 1 }
                product *= high[c] - next[c]
                if product == 0 { break }
            }
            total += product
        }
        return total
    }

    static func checkWindow(_ window: Int64) throws(AnalysisError) {
        guard window >= 0 else {
            throw .invalidParameter(name: "coincidence window (ps)", value: "\(window)", expected: "≥ 0")
        }
    }

    /// Throws `unsortedTags` at the first timestamp that goes backwards.
    static func checkSorted(_ timestamps: [Int64], _ stream: String, after previous: Int64 = .min) throws(AnalysisError) {
        let sorted = timestamps.withUnsafeBufferPointer { isSorted($0, after: previous) }
        if sorted { return }
        let index = timestamps.indices.first { timestamps[$0] < ($0 > 0 ? timestamps[$0 - 1] : previous) }!
        throw .unsortedTags(stream: stream, index: index,
                            previousPicoseconds: index > 0 ? timestamps[index - 1] : previous,
                            timestampPicoseconds: timestamps[index])
    }

    /// Whether no timestamp goes backwards (nor the first below `previous`): one pass without an
    /// early exit, which the compiler vectorises; the error path finds the index afterwards.
    static func isSorted(_ timestamps: UnsafeBufferPointer<Int64>, after previous: Int64) -> Bool {
        guard let tags = timestamps.baseAddress, timestamps.count > 0 else { return true }
        var backwards = tags[0] < previous ? 1 : 0
        for index in 1..<timestamps.count {
            backwards |= tags[index] < tags[index &- 1] ? 1 : 0
        }
        return backwards == 0
    }
}
