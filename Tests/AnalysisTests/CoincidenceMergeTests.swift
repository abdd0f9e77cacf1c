import Analysis
import SeededRandom
import Testing

/// The branch-free merges of `CoincidenceCounter.countPairs` and the chunked counting of
/// `StreamingCoincidenceCounter` against the definition, pair by pair: |b − a − delay| ≤ window,
/// evaluated in Int128 so that tags at the ends of Int64 are counted as the definition says.
@Suite struct CoincidenceMergeTests {
    static func definitionPairs(_ a: [Int64], _ b: [Int64], window: Int64, delay: Int64) -> Int {
        var count = 0
        for x in a {
            for y in b {
                let separation = Int128(y) - Int128(x) - Int128(delay)
                if separation >= -Int128(window) && separation <= Int128(window) { count += 1 }
            }
        }
        return count
    }

    /// Sorted tags from `origin` on a grid of `grid` ps over `span` ps (coarse grids repeat tags).
    static func tags(count: Int, origin: Int64 = 0, span: UInt64, grid: Int64, generator: inout Xoshiro256StarStar) -> [Int64] {
        (0..<count).map { _ in origin &+ Int64(generator.next() % (span / UInt64(grid))) &* grid }.sorted()
    }

    static let windowsAndDelays: [(window: Int64, delay: Int64)] = [(0, 0), (0, 40), (30, 0), (100, -250), (1_000, 700), (5_000, 0)]

    @Test func mergesMatchTheDefinitionOnRandomStreams() throws {
        var generator = Xoshiro256StarStar(seed: 1601)
        for trial in 0..<300 {
            // Sizes from empty to a few hundred, unrelated on the two sides; odd and even (the halves).
            let a = Self.tags(count: Int(generator.next() % 9) * (trial % 40 + 1) / 3, span: 60_000,
                              grid: [1, 10, 200][trial % 3], generator: &generator)
            let b = Self.tags(count: Int(generator.next() % 9) * (trial % 30 + 1) / 3, span: 60_000,
                              grid: [1, 10, 200][(trial / 3) % 3], generator: &generator)
            for (window, delay) in Self.windowsAndDelays {
                let counted = try CoincidenceCounter.countPairs(a, b, windowPicoseconds: window, delayPicoseconds: delay)
                #expect(counted == Self.definitionPairs(a, b, window: window, delay: delay),
                        "trial \(trial): \(a.count) × \(b.count) tags, window \(window), delay \(delay)")
            }
        }
    }

    @Test func equalTagsCountEveryPair() throws {
        let a = [Int64](repeating: 5_000, count: 37), b = [Int64](repeating: 5_000, count: 23)
        #expect(try CoincidenceCounter.countPairs(a, b, windowPicoseconds: 0) == 37 * 23)
        #expect(try CoincidenceCounter.countPairs(a, b, windowPicoseconds: 0, delayPicoseconds: 1) == 0)
        // Window 0 with a delay that lines the two up exactly, and one picosecond off.
        #expect(try CoincidenceCounter.countPairs([100, 200, 300], [150, 250, 250], windowPicoseconds: 0, delayPicoseconds: 50) == 3)
        #expect(try CoincidenceCounter.countPairs([100, 200, 300], [151, 251, 251], windowPicoseconds: 0, delayPicoseconds: 50) == 0)
        // The window's edges are in: |b − a − delay| = window counts.
        #expect(try CoincidenceCounter.countPairs([1_000], [900, 1_100], windowPicoseconds: 100) == 2)
        #expect(try CoincidenceCounter.countPairs([1_000], [899, 1_101], windowPicoseconds: 100) == 0)
    }

    @Test func emptyChannelsAndSingleTags() throws {
        #expect(try CoincidenceCounter.countPairs([7], [], windowPicoseconds: 0) == 0)
        #expect(try CoincidenceCounter.countPairs([], [7], windowPicoseconds: 0) == 0)
        #expect(try CoincidenceCounter.countPairs([7], [7], windowPicoseconds: 0) == 1)
        #expect(try CoincidenceCounter.countPairs([7], [8], windowPicoseconds: 0) == 0)
        #expect(try CoincidenceCounter.countPairs([1, 2, 3, 4, 5], [3], windowPicoseconds: 1) == 3)
    }

    @Test func tagsAtTheEndsOfInt64() throws {
        let low = Int64.min, high = Int64.max
        let cases: [([Int64], [Int64], Int64, Int64)] = [
            ([low, low, low + 1], [low, low + 2], 1, 0),
            ([high - 1, high], [high, high], 1, 0),
            ([high - 3, high], [high - 1, high], 2, 0),
            ([low, 0, high], [low, 0, high], 0, 0),
            ([low, 0, high], [low, 0, high], high, 0),
            ([low, 0, high], [low, 0, high], high, low),
            ([low + 10, high - 10], [low, high], 20, high),
            ([low + 10, high - 10], [low, high], 20, -high),
            ([-5, 5], [low, high], high, high),
            ([0], [high], high, 0),
            ([0], [low], high, 0),
        ]
        for (a, b, window, delay) in cases {
            #expect(try CoincidenceCounter.countPairs(a, b, windowPicoseconds: window, delayPicoseconds: delay)
                    == Self.definitionPairs(a, b, window: window, delay: delay), "\(a) \(b) window \(window) delay \(delay)")
        }
    }

    /// Chunks cut at unrelated places in the two streams (sometimes empty), so windows straddle
    /// chunk boundaries on either side, with or without a completeness promise.
    @Test func streamingMatchesTheDefinitionAcrossChunks() throws {
        var generator = Xoshiro256StarStar(seed: 1602)
        for trial in 0..<120 {
            let a = Self.tags(count: Int(generator.next() % 400), span: 200_000, grid: [1, 40, 500][trial % 3], generator: &generator)
            let b = Self.tags(count: Int(generator.next() % 400), span: 200_000, grid: [1, 40, 500][(trial / 3) % 3],
                              generator: &generator)
            let (window, delay) = Self.windowsAndDelays[trial % Self.windowsAndDelays.count]
            var counter = try StreamingCoincidenceCounter(windowPicoseconds: window, delayPicoseconds: delay)
            var nextA = 0, nextB = 0
            while nextA < a.count || nextB < b.count {
                let endA = min(a.count, nextA + Int(generator.next() % 70))
                let endB = min(b.count, nextB + Int(generator.next() % 70))
                // Promise only what both streams have reached (the earlier of the next tags).
                let promise: Int64? = trial % 2 == 0 ? nil : min(endA < a.count ? a[endA] : .max, endB < b.count ? b[endB] : .max)
                try counter.append(channelA: Array(a[nextA..<endA]), channelB: Array(b[nextB..<endB]),
                                   completeBeforePicoseconds: promise)
                nextA = endA
                nextB = endB
            }
            #expect(counter.finish() == Self.definitionPairs(a, b, window: window, delay: delay),
                    "trial \(trial): \(a.count) × \(b.count) tags, window \(window), delay \(delay)")
        }
    }

    @Test func streamingOneChannelSilentForLong() throws {
        // All of A first, then all of B: every A tag waits for B; then the reverse.
        let early = (0..<500).map { Int64($0) * 100 }, late = (0..<500).map { 49_950 + Int64($0) * 100 }
        for (a, b) in [(early, late), (late, early)] {
            var counter = try StreamingCoincidenceCounter(windowPicoseconds: 120)
            for start in stride(from: 0, to: 500, by: 50) {
                try counter.append(channelA: Array(a[start..<start + 50]), channelB: [])
            }
            for start in stride(from: 0, to: 500, by: 50) {
                try counter.append(channelA: [], channelB: Array(b[start..<start + 50]))
            }
            #expect(counter.finish() == Self.definitionPairs(a, b, window: 120, delay: 0))
        }
    }

    @Test func streamingTagsAtTheEndsOfInt64() throws {
        let low = Int64.min, high = Int64.max
        let a: [Int64] = [low, low, low + 3, -1, high - 2, high], b: [Int64] = [low, low + 1, 0, high - 1, high, high]
        for (window, delay) in [(Int64(0), Int64(0)), (2, 0), (high, 0), (1, low), (1, high), (high, low)] {
            var counter = try StreamingCoincidenceCounter(windowPicoseconds: window, delayPicoseconds: delay)
            for index in a.indices { try counter.append(channelA: [a[index]], channelB: [b[index]]) }
            #expect(counter.finish() == Self.definitionPairs(a, b, window: window, delay: delay), "window \(window) delay \(delay)")
        }
    }

    @Test func streamingRefusesTagsBehindWhatWasPromised() throws {
        var counter = try StreamingCoincidenceCounter(windowPicoseconds: 5)
        try counter.append(channelA: [10, 20], channelB: [15])
        let backwards = #expect(throws: AnalysisError.self) { try counter.append(channelA: [19], channelB: []) }
        #expect(backwards?.description.contains("channel A (chunk)") == true)
        try counter.append(channelA: [30], channelB: [40], completeBeforePicoseconds: 100)
        #expect(throws: AnalysisError.self) { try counter.append(channelA: [], channelB: [99]) }
        #expect(throws: AnalysisError.self) { try StreamingCoincidenceCounter(windowPicoseconds: -1) }
    }
}
