import Vocabulary
import Analysis
import RealModule
import SeededRandom
import Testing

@Suite struct CoincidenceTests {
    /// Sorted random timestamps with many repeats (coarse grid) so equal timestamps occur.
    static func stream(count: Int, span: Int64, grid: Int64, seed: UInt64) -> [Int64] {
        var generator = Xoshiro256StarStar(seed: seed)
        return (0..<count).map { _ in Int64(generator.next() % UInt64(span / grid)) * grid }.sorted()
    }

    static func bruteForcePairs(_ a: [Int64], _ b: [Int64], window: Int64, delay: Int64) -> Int {
        var count = 0
        for x in a { for y in b where abs(y - x - delay) <= window { count += 1 } }
        return count
    }

    @Test func pairsMatchBruteForceOnRandomStreams() throws {
        for seed in UInt64(0)..<40 {
            let a = Self.stream(count: Int(seed % 7) * 60, span: 100_000, grid: 50, seed: seed)
            let b = Self.stream(count: Int(seed % 5) * 80, span: 100_000, grid: 50, seed: seed + 1000)
            for (window, delay) in [(Int64(0), Int64(0)), (100, 0), (250, -300), (1_000, 450)] {
                let expected = Self.bruteForcePairs(a, b, window: window, delay: delay)
                let fast = try CoincidenceCounter.countPairs(a, b, windowPicoseconds: window, delayPicoseconds: delay)
                #expect(fast == expected, "seed \(seed) window \(window) delay \(delay)")
            }
        }
    }

    @Test func nFoldMatchesBruteForce() throws {
        for seed in UInt64(0)..<15 {
            let channels = (0..<3).map { Self.stream(count: 40 + Int(seed) * 3, span: 20_000, grid: 25, seed: seed * 10 + UInt64($0)) }
            let delays: [Int64] = [0, 100, -75]
            var expected = 0
            for x in channels[0] {
                for y in channels[1] {
                    for z in channels[2] {
                        let times = [x - delays[0], y - delays[1], z - delays[2]]
                        if times.max()! - times.min()! <= 150 { expected += 1 }
                    }
                }
            }
            #expect(try CoincidenceCounter.countNFold(channels, windowPicoseconds: 150, delaysPicoseconds: delays) == expected)
            // Two channels: the same as pair counting with the relative delay.
            let twoFold = try CoincidenceCounter.countNFold([channels[0], channels[1]], windowPicoseconds: 150,
                                                            delaysPicoseconds: [0, 100])
            #expect(twoFold == Self.bruteForcePairs(channels[0], channels[1], window: 150, delay: 100))
        }
    }

    @Test func emptyStreamsAndBadInput() throws {
        #expect(try CoincidenceCounter.countPairs([], [], windowPicoseconds: 10) == 0)
        #expect(try CoincidenceCounter.countPairs([1, 2], [], windowPicoseconds: 10) == 0)
        #expect(try CoincidenceCounter.countPairs([], [1, 2], windowPicoseconds: 10) == 0)
        #expect(try CoincidenceCounter.countNFold([[], [1], [2]], windowPicoseconds: 10) == 0)
        #expect(throws: AnalysisError.unsortedTags(stream: "channel B", index: 2, previousPicoseconds: 30,
                                                   timestampPicoseconds: 20)) {
            try CoincidenceCounter.countPairs([1], [10, 30, 20], windowPicoseconds: 5)
        }
        #expect(throws: AnalysisError.self) { try CoincidenceCounter.countPairs([1], [1], windowPicoseconds: -1) }
        #expect(throws: AnalysisError.self) { try CoincidenceCounter.countNFold([[1]], windowPicoseconds: 1) }
        #expect(throws: AnalysisError.self) {
            try TimeTag.timestampsByChannel([TimeTag(.aPlus, timestampPicoseconds: 5), TimeTag(.bPlus, timestampPicoseconds: 4)],
                                            channelCount: 4)
        }
    }

    @Test func mergedStreamSplitsByChannelAndCycleIndexFloors() throws {
        let tags = [TimeTag(.aPlus, timestampPicoseconds: 1), TimeTag(.bMinus, timestampPicoseconds: 1),
                    TimeTag(.aPlus, timestampPicoseconds: 7)]
        #expect(try TimeTag.timestampsByChannel(tags, channelCount: 4) == [[1, 7], [], [], [1]])
        #expect(try TimeTag.cycleIndex(timestampPicoseconds: -1, firstTriggerPicoseconds: 0, triggerPeriodPicoseconds: 10) == -1)
        #expect(try TimeTag.cycleIndex(timestampPicoseconds: 25, firstTriggerPicoseconds: 5, triggerPeriodPicoseconds: 10) == 2)
    }

    @Test func pulsedSourceCentreAndSidePeaks() throws {
        // Uncorrelated arms (each clicks with probability p per cycle): every peak, centre included,
        // holds p_A p_B · cycles pairs, so g2-like ratio ≈ 1 and the accidentals match singles × singles / cycles.
        var generator = Xoshiro256StarStar(seed: 11)
        let cycles = 200_000
        var cyclesA: [Int64] = [], cyclesB: [Int64] = []
        for k in 0..<cycles {
            if generator.nextUnitInterval() < 0.05 { cyclesA.append(Int64(k)) }
            if generator.nextUnitInterval() < 0.04 { cyclesB.append(Int64(k)) }
        }
        let counts = try CycleCoincidences(cyclesA: cyclesA, cyclesB: cyclesB, maximumOffset: 5)
        let fromSingles = try AccidentalCoincidences.pulsed(singlesA: cyclesA.count, singlesB: cyclesB.count, triggerCycles: cycles)
        let sides = counts.accidentals
        // Expected 400 per peak: side-peak mean (σ ≈ 6.3) agrees with singles × singles / cycles within 4σ.
        #expect(abs(sides.value - fromSingles.value) < 4 * (sides.standardError + fromSingles.standardError))
        let g2 = try counts.g2()
        #expect(abs(g2.value - 1) < 4 * g2.standardError)
        // A perfect pair source adds exactly the true pairs to the centre peak only.
        let pairs = try CycleCoincidences(cyclesA: [1, 1, 2, 5], cyclesB: [1, 2, 3, 6], maximumOffset: 2)
        // d = −2: 5→3; d = −1: 2→1; d = 0: cycle 1 (2×1) + cycle 2; d = 1: 1→2 (×2), 2→3, 5→6; d = 2: 1→3 (×2).
        #expect(pairs.pairsByOffset == [1, 1, 3, 4, 2])
        #expect(throws: AnalysisError.self) { try CycleCoincidences(cyclesA: [2, 1], cyclesB: [], maximumOffset: 1) }
    }

    @Test func histogramAndHistogramG2() throws {
        // A pulsed source at 12.5 ns: A clicks every cycle, B clicks 1 ns later in even cycles.
        let period: Int64 = 12_500
        let a = (0..<1_000).map { Int64($0) * period }
        let b = (0..<1_000).filter { $0 % 2 == 0 }.map { Int64($0) * period + 1_000 }
        let histogram = try CorrelationHistogram(channelA: a, channelB: b, binWidthPicoseconds: 500, rangePicoseconds: 40_000,
                                                 delayPicoseconds: 1_000)
        #expect(histogram.counts.count == 160)
        // Bins cover −40 ns ≤ τ < +40 ns.
        var inRange = 0
        for x in a { for y in b where y - x - 1_000 >= -40_000 && y - x - 1_000 < 40_000 { inRange += 1 } }
        #expect(histogram.counts.reduce(0, +) == inRange)
        #expect(histogram.sum(from: 0, through: 0) == 500)
        let g2 = try PulsedG2.estimate(histogram: histogram, triggerPeriodPicoseconds: period,
                                       peakHalfWidthPicoseconds: 2_000, sidePeakCount: 3)
        // Centre 500 pairs; side peaks ±1, ±3 cycles hold ~500 each and ±2 also ~500 → g2 ≈ 1.
        #expect(abs(g2.value - 1) < 0.02)
        #expect(throws: AnalysisError.self) {
            try PulsedG2.estimate(histogram: histogram, triggerPeriodPicoseconds: period, peakHalfWidthPicoseconds: 2_000,
                                  sidePeakCount: 4)
        }
        #expect(throws: AnalysisError.self) { try PulsedG2.estimate(centrePeak: 3, sidePeaks: [0, 0]) }
        #expect(throws: AnalysisError.self) { try PulsedG2.estimate(centrePeak: .nan, sidePeaks: [1]) }
        let antibunched = try PulsedG2.estimate(centrePeak: 20, sidePeaks: [1_000, 1_000])
        #expect(abs(antibunched.value - 0.02) < 1e-12)
        #expect(abs(antibunched.standardError - 0.02 * (1.0 / 20 + 1.0 / 2_000).squareRoot()) < 1e-12)
    }

    @Test func continuousWaveAccidentalsFollowSinglesTimesWindow() throws {
        // Two independent Poisson streams at 1 MHz and 0.5 MHz over 1 s, window ±1 ns:
        // expected accidentals N_A N_B (2W)/T ≈ 1000.
        var generator = Xoshiro256StarStar(seed: 21)
        func poissonStream(ratePerPicosecond: Double, duration: Int64) -> [Int64] {
            var t = 0.0, result: [Int64] = []
            while true {
                t += -Double.log(1 - generator.nextUnitInterval()) / ratePerPicosecond
                if t >= Double(duration) { return result }
                result.append(Int64(t))
            }
        }
        let duration: Int64 = 1_000_000_000_000
        let a = poissonStream(ratePerPicosecond: 1e-6, duration: duration)
        let b = poissonStream(ratePerPicosecond: 5e-7, duration: duration)
        let measured = Double(try CoincidenceCounter.countPairs(a, b, windowPicoseconds: 1_000))
        let predicted = try AccidentalCoincidences.continuousWave(singlesA: a.count, singlesB: b.count, windowPicoseconds: 1_000,
                                                                  acquisitionTimePicoseconds: duration)
        // Poisson spread of the measured count √1000 ≈ 32; 4σ.
        #expect(abs(measured - predicted.value) < 4 * (measured.squareRoot() + predicted.standardError))
    }
}
