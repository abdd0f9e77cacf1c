import Analysis
import CCoincidenceBaseline
import RealModule
import SeededRandom

/// Two-channel coincidence counting on sorted time tags, against the plain C loops over the very
/// same tags in the same run (`Tools/Bench/CCoincidenceBaseline`), one core, CPU time.
///
/// The tags: Poisson arrivals at 10 MHz per channel (mean spacing 100 ns), ±1 ns window, handed
/// over 2 × 2²⁰ tags at a time. Each chunk goes through four counters: the C two-pointer loop and
/// `CoincidenceCounter.countPairs` (one-shot: the chunk's own pairs), the C chunked loop and
/// `StreamingCoincidenceCounter` (streaming: the pairs of the whole stream). Their order turns
/// over from chunk to chunk, so none always finds the chunk warm in the cache. Targets (issue 16):
/// one-shot ≥ 1.0× C, streaming ≥ 0.9× C. `countPairs` and the streaming counter also check
/// that the tags are sorted; the C loops do not.
enum CoincidenceBenchmark {
    static let totalTags = 100_000_000
    static let chunkPerChannel = 1 << 20
    static let windowPicoseconds: Int64 = 1_000

    /// Sorted Poisson arrivals (10 MHz per channel, i.e. a mean spacing of 100 ns).
    static func poissonChunk(count: Int, from start: inout Double, meanSpacingPicoseconds: Double,
                             generator: inout Xoshiro256StarStar) -> [Int64] {
        var result = [Int64]()
        result.reserveCapacity(count)
        for _ in 0..<count {
            start += -Double.log(1 - generator.nextUnitInterval()) * meanSpacingPicoseconds
            result.append(Int64(start))
        }
        return result
    }

    /// CPU seconds per counter, and the pairs each found.
    struct Tally {
        var seconds = [Double](repeating: 0, count: 4)
        var pairs = [Int](repeating: 0, count: 4)
        static let names = ["C two-pointer loop", "CoincidenceCounter.countPairs", "C chunked loop", "StreamingCoincidenceCounter"]
    }

    static func run() throws {
        let chunks = totalTags / (2 * chunkPerChannel) + 1
        var generator = Xoshiro256StarStar(seed: 2026)
        var clockA = 0.0, clockB = 0.0
        var tally = Tally()
        var tags = 0
        var stream = try StreamingCoincidenceCounter(windowPicoseconds: windowPicoseconds)
        var cStream = coincidence_baseline_stream()
        coincidence_baseline_stream_init(&cStream, windowPicoseconds, 0)
        for chunk in 0..<chunks {
            let a = poissonChunk(count: chunkPerChannel, from: &clockA, meanSpacingPicoseconds: 100_000, generator: &generator)
            let b = poissonChunk(count: chunkPerChannel, from: &clockB, meanSpacingPicoseconds: 100_000, generator: &generator)
            tags += a.count + b.count
            let order = chunk % 2 == 0 ? [0, 1, 2, 3] : [3, 2, 1, 0]
            for counter in order {
                let start = CPUTime.thread()
                switch counter {
                case 0: tally.pairs[0] += Int(coincidence_baseline_count(a, a.count, b, b.count, windowPicoseconds, 0))
                case 1: tally.pairs[1] += try CoincidenceCounter.countPairs(a, b, windowPicoseconds: windowPicoseconds)
                case 2: coincidence_baseline_stream_add(&cStream, a, a.count, b, b.count)
                default: try stream.append(channelA: a, channelB: b)
                }
                tally.seconds[counter] += CPUTime.thread() - start
            }
        }
        // What the streams still hold at their end.
        var start = CPUTime.thread()
        tally.pairs[2] = Int(coincidence_baseline_stream_finish(&cStream))
        tally.seconds[2] += CPUTime.thread() - start
        start = CPUTime.thread()
        tally.pairs[3] = stream.finish()
        tally.seconds[3] += CPUTime.thread() - start
        report(tally, tags: tags, expectedPairs: Double(tags) * Double(tags) / 4 * Double(2 * windowPicoseconds) / clockA)
    }

    static func report(_ tally: Tally, tags: Int, expectedPairs: Double) {
        func rate(_ counter: Int) -> Double { Double(tags) / tally.seconds[counter] / 1e6 }
        print("Coincidences: \(tags) tags (2 channels, Poisson 10 MHz each, ±1 ns window, chunks of 2×\(chunkPerChannel)), "
              + "one core, CPU time; N_A·N_B·2W/T ≈ \(AnalysisBenchmark.format(expectedPairs)) pairs")
        for counter in 0..<4 {
            var line = "  \(Tally.names[counter].padding(toLength: 30, withPad: " ", startingAt: 0)) "
                + "\(AnalysisBenchmark.format(rate(counter))) million tags/s (\(tally.pairs[counter]) pairs)"
            if counter % 2 == 1 {
                line += ", \(AnalysisBenchmark.format(rate(counter) / rate(counter - 1)))× the C loop"
                if tally.pairs[counter] != tally.pairs[counter - 1] { line += " — PAIRS DIFFER FROM THE C LOOP'S" }
            }
            print(line)
        }
    }
}
