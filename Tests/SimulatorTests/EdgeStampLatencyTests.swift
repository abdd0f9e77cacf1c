import Boards
import Foundation
import HAL
import Simulator
import Testing

/// The kernel's stamp of every input edge, as the simulated board draws it: L = m + min(T, M − m)
/// with T exponential of mean τ, cut at the maximum M (the board clock is 1 ns, so the tail is
/// whole nanoseconds: T is floored, which moves the mean by at most ½ ns and the tail
/// probabilities by a relative 1/(2τ); the bounds below allow for it).
///
/// Every bound is 4 standard errors of the statistic over the draws of one seed; the seeds are
/// fixed, so a pass is reproducible, and the bounds say how wrong a model would have to be to fail.
@Suite struct EdgeStampLatencyTests {
    /// m = 2 µs, τ = 1 µs, M = 3.5 µs: a cut at a = (M − m)/τ = 1.5, where it moves the mean by
    /// τe^(−a) = 223 ns — 27 standard errors — so a draw without the cut fails.
    @Test func latenciesHaveTheProfilesMinimumMaximumAndCutExponentialMean() throws {
        let (m, tau, maximum) = (2_000.0, 1_000.0, 3_500.0)
        let bench = try StampBench(profile: .stamping(.tail(minimum: 2_000, mean: 1_000, maximum: 3_500)))
        // 2000 pulses of 5 µs every 10 µs: each edge is more than M − m after the one before, so no
        // stamp waits for an earlier one and every latency is a draw of its own. N = 4000 edges.
        var edges: [Int64] = []
        for index in 0..<2_000 {
            let start = 10_000 + Int64(index) * 10_000
            bench.pulse(0, at: start, width: 5_000)
            edges += [start, start + 5_000]
        }
        let events = try bench.read(until: 10_000 + 2_000 * 10_000 + 10_000)
        try #require(events.count == edges.count)
        let latencies = events.map { Double($0.timestamp.nanoseconds - edges[Int($0.lineSequence) - 1]) }
        let n = Double(latencies.count)

        // Never below the minimum, never above the maximum.
        let least = try #require(latencies.min()), most = try #require(latencies.max())
        #expect(least >= m)
        #expect(most == maximum)
        // The least of N draws: P(all ≥ m + 5) = e^(−5N/τ) = e^(−20), so it is within 5 ns of m.
        #expect(least < m + 5, "least latency \(least) ns")

        // The mean: m + τ(1 − e^(−a)) (floored tail: at most ½ ns lower). Var(min(T, aτ)) =
        // τ²(1 − 2a·e^(−a) − e^(−2a)) (from E[min(T, L)²] = 2τ²(1 − e^(−a)(1 + a))): σ = 0.530τ,
        // so the mean's standard error is 0.530τ/√4000 = 8.4 ns.
        let a = (maximum - m) / tau
        let expectedMean = m + tau * (1 - exp(-a))
        let sigma = tau * (1 - 2 * a * exp(-a) - exp(-2 * a)).squareRoot() / n.squareRoot()
        let mean = latencies.reduce(0, +) / n
        #expect(abs(mean - expectedMean) < 4 * sigma + 0.5, "mean \(mean) ns, expected \(expectedMean) ± \(sigma) ns")
        // And the distribution's own figure says the same.
        #expect(abs(LatencyDistribution.tail(minimum: 2_000, mean: 1_000, maximum: 3_500).meanNanoseconds - expectedMean) < 1e-9)

        // The cut piles the tail beyond M − m onto M: P(L = M) = P(T ≥ aτ) = e^(−a) = 0.223
        // (exactly, aτ being whole nanoseconds); binomial σ = 0.0066.
        let atMaximum = Double(latencies.filter { $0 == maximum }.count) / n
        #expect(abs(atMaximum - exp(-a)) < 4 * binomialSigma(exp(-a), latencies.count), "P(L = M) = \(atMaximum)")
        // The tail's shape below the cut: P(L > m + x) = e^(−x/τ) at x = τ/2 (0.607).
        let beyondHalf = Double(latencies.filter { $0 > m + tau / 2 }.count) / n
        #expect(abs(beyondHalf - exp(-0.5)) < 4 * binomialSigma(exp(-0.5), latencies.count) + 1e-3, "\(beyondHalf)")
    }

    /// Two lines driven at the same instant are stamped by two independent draws: the difference
    /// of two exponential tails of mean τ is Laplace, P(|Δ| > x) = e^(−x/τ). (Floored: with
    /// q = e^(−1/τ), P(|Δ| > x) = 2q^(x+1)/(1 + q), within 10⁻³ of e^(−x/τ) for τ = 1000 ns.)
    @Test func simultaneousEdgesOnTwoLinesAreStampedApartByALaplaceDifference() throws {
        let tau = 1_000.0
        let latency = LatencyDistribution.tail(minimum: 2_000, mean: 1_000, maximum: 100_000)   // the cut at 98τ never bites
        let bench = try StampBench(profile: .stamping(latency), lineCount: 2)
        // 3000 pulses on both lines at once, 100 µs wide, every 200 µs: N = 6000 pairs of edges.
        let pulses = 3_000
        for index in 0..<pulses {
            let start = 10_000 + Int64(index) * 200_000
            bench.pulse(0, at: start, width: 100_000)
            bench.pulse(1, at: start, width: 100_000)
        }
        let events = try bench.read(until: 10_000 + Int64(pulses) * 200_000 + 200_000)
        let stampsA = events.filter { $0.line == 0 }.map(\.timestamp.nanoseconds)
        let stampsB = events.filter { $0.line == 1 }.map(\.timestamp.nanoseconds)
        try #require(stampsA.count == 2 * pulses && stampsB.count == 2 * pulses)
        let differences = zip(stampsA, stampsB).map { Double($0 - $1) }
        let n = differences.count

        // Apart: P(Δ = 0) = (1 − q)/(1 + q) ≈ 1/(2τ) = 5·10⁻⁴, about 3 of 6000; identical draws would give 6000.
        #expect(differences.filter { $0 == 0 }.count < 30)
        // Neither line first: P(Δ > 0) = q/(1 + q) ≈ ½, σ = 0.0065.
        let positive = Double(differences.filter { $0 > 0 }.count) / Double(n)
        #expect(abs(positive - 0.5) < 4 * binomialSigma(0.5, n), "P(Δ > 0) = \(positive)")
        // The Laplace tail at x = τ/2, τ, 3τ: 0.607, 0.368, 0.050 (σ = 0.0063, 0.0062, 0.0028).
        for x in [tau / 2, tau, 3 * tau] {
            let expected = exp(-x / tau)
            let seen = Double(differences.filter { abs($0) > x }.count) / Double(n)
            #expect(abs(seen - expected) < 4 * binomialSigma(expected, n) + 1e-3, "P(|Δ| > \(x)) = \(seen), expected \(expected)")
        }
        // The board's click resolution is the 99th percentile of |Δ|, τ·ln 100 = 4605 ns: 99 % of
        // the simulated pairs lie within it (σ = 0.0013).
        let resolution = latency.differenceQuantileNanoseconds(0.99)
        #expect(abs(resolution - tau * log(100)) < 1e-6)
        let within = Double(differences.filter { abs($0) <= resolution }.count) / Double(n)
        #expect(abs(within - 0.99) < 4 * binomialSigma(0.99, n) + 1e-3, "within the resolution: \(within)")
    }

    /// Edges 100 ns apart with latencies spread over microseconds: a later edge often draws a
    /// latency shorter by more than 100 ns (P = e^(−0.1)/2 ≈ 0.45), and is then stamped with the
    /// earlier edge's stamp, never before it. The stamps stay in the order the edges happened.
    @Test func oneLinesStampsNeverGoBackwards() throws {
        let bench = try StampBench(profile: .stamping(.tail(minimum: 2_000, mean: 1_000, maximum: 50_000)))
        var edges: [Int64] = []
        for index in 0..<1_000 {
            let start = 10_000 + Int64(index) * 200
            bench.pulse(0, at: start, width: 100)
            edges += [start, start + 100]
        }
        let events = try bench.read(until: 10_000 + 1_000 * 200 + 100_000)
        try #require(events.count == edges.count)
        #expect(events.map(\.lineSequence) == (1...UInt64(edges.count)).map { $0 })
        // In the order they happened: rising, falling, rising, …
        #expect(events.enumerated().allSatisfy { $0.element.kind == ($0.offset % 2 == 0 ? .rising : .falling) })
        var held = 0
        for (index, event) in events.enumerated() {
            #expect(event.timestamp.nanoseconds >= edges[index] + 2_000, "edge \(index) stamped before the minimum latency")
            if index > 0 {
                let previous = events[index - 1].timestamp
                #expect(event.timestamp >= previous, "edge \(index) stamped at \(event.timestamp), before \(previous)")
                if event.timestamp == previous { held += 1 }
            }
        }
        // Stamps held back to the previous one: the case the rule exists for happened, often
        // (without the rule about 45 % of the stamps would go backwards).
        #expect(held > 100, "\(held) stamps held back")
    }

    @Test func theSameSeedStampsBitForBitAndAnotherSeedOtherwise() throws {
        func stamps(seed: UInt64) throws -> [EdgeEvent] {
            let bench = try StampBench(profile: .stamping(.tail(minimum: 2_000, mean: 1_000, maximum: 50_000)), seed: seed,
                                       lineCount: 2)
            for index in 0..<200 {
                bench.pulse(index % 2, at: 10_000 + Int64(index) * 5_000, width: 1_000)
            }
            return try bench.read(until: 2_000_000)
        }
        let first = try stamps(seed: 11)
        #expect(first.count == 400)
        #expect(try stamps(seed: 11) == first)
        let other = try stamps(seed: 12)
        #expect(other.count == 400)
        #expect(other != first)
        // Only the stamps differ: each line reports the same edges, in the same order (the two
        // lines' events may interleave otherwise).
        for line in 0..<2 {
            let mine = first.filter { $0.line == line }, theirs = other.filter { $0.line == line }
            #expect(theirs.map(\.kind) == mine.map(\.kind))
            #expect(theirs.map(\.lineSequence) == mine.map(\.lineSequence))
        }
    }

    /// The ideal profile stamps every edge at the cycle it happens, with no draw at all.
    @Test func theIdealProfileStampsEveryEdgeWhenItHappens() throws {
        let bench = try StampBench(profile: .ideal, lineCount: 2)
        bench.pulse(0, at: 1_000, width: 1)
        bench.pulse(1, at: 1_000, width: 7)
        bench.pulse(0, at: 1_003, width: 2)
        #expect(try bench.read(until: 2_000) == [
            EdgeEvent(kind: .rising, timestamp: Instant(nanoseconds: 1_000), line: 0, lineSequence: 1),
            EdgeEvent(kind: .rising, timestamp: Instant(nanoseconds: 1_000), line: 1, lineSequence: 1),
            EdgeEvent(kind: .falling, timestamp: Instant(nanoseconds: 1_001), line: 0, lineSequence: 2),
            EdgeEvent(kind: .rising, timestamp: Instant(nanoseconds: 1_003), line: 0, lineSequence: 3),
            EdgeEvent(kind: .falling, timestamp: Instant(nanoseconds: 1_005), line: 0, lineSequence: 4),
            EdgeEvent(kind: .falling, timestamp: Instant(nanoseconds: 1_007), line: 1, lineSequence: 2),
        ])
    }

    /// The stamps draw from a stream of their own: a profile's wake-ups are the same draws whether
    /// or not its edges are stamped late (so adding stamp latency changed no ideal-stamp run).
    @Test func stampDrawsLeaveTheWakeUpDrawsAlone() throws {
        func wakes(stampLatency: LatencyDistribution) throws -> [Instant] {
            var profile = TimingProfile.stamping(stampLatency)
            profile.wakeLatency = .tail(minimum: 1_000, mean: 500, maximum: 20_000)
            let bench = try StampBench(profile: profile)
            let clock = bench.board.makeClock()
            var woke: [Instant] = []
            for index in 1...100 {
                bench.pulse(0, at: Int64(index) * 30_000 - 100, width: 50)
                woke.append(clock.sleep(until: Instant(nanoseconds: Int64(index) * 30_000)))
                _ = try bench.read(until: woke.last!.nanoseconds)
            }
            return woke
        }
        let withoutStampLatency = try wakes(stampLatency: .zero)
        #expect(Set(withoutStampLatency.enumerated().map { $0.element.nanoseconds - Int64($0.offset + 1) * 30_000 }).count > 10)
        #expect(try wakes(stampLatency: .tail(minimum: 2_000, mean: 1_000, maximum: 50_000)) == withoutStampLatency)
    }
}
