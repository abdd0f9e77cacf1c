import Foundation
import HAL
import Simulator
import Testing

/// An input needs a pulse to last the profile's shortest pulse to see it: a shorter pulse's rise
/// is never reported (with both edges requested its fall still is, as the kernel reports a pulse
/// that is over by the time its handler reads the level), and it is counted on the test side.
@Suite struct ShortPulseTests {
    /// Stamps with no latency of their own and a 20 ns shortest pulse: every stamp comes exactly
    /// 20 ns after its edge, so the whole read is a literal.
    @Test func aPulseShorterThanTheShortestPulseLosesItsRiseAndOneAsLongIsSeen() throws {
        let bench = try StampBench(profile: .stamping(.zero, shortestPulse: .nanoseconds(20)), lineCount: 2,
                                   edges: [.both, .rising])
        for line in 0..<2 {
            bench.pulse(line, at: 1_000, width: 19)   // too short
            bench.pulse(line, at: 2_000, width: 20)   // exactly the shortest pulse: seen
            bench.pulse(line, at: 3_000, width: 21)
        }
        #expect(try bench.read(until: 4_000) == [
            EdgeEvent(kind: .falling, timestamp: Instant(nanoseconds: 1_039), line: 0, lineSequence: 1),
            EdgeEvent(kind: .rising, timestamp: Instant(nanoseconds: 2_020), line: 0, lineSequence: 2),
            EdgeEvent(kind: .rising, timestamp: Instant(nanoseconds: 2_020), line: 1, lineSequence: 1),
            EdgeEvent(kind: .falling, timestamp: Instant(nanoseconds: 2_040), line: 0, lineSequence: 3),
            EdgeEvent(kind: .rising, timestamp: Instant(nanoseconds: 3_020), line: 0, lineSequence: 4),
            EdgeEvent(kind: .rising, timestamp: Instant(nanoseconds: 3_020), line: 1, lineSequence: 2),
            EdgeEvent(kind: .falling, timestamp: Instant(nanoseconds: 3_041), line: 0, lineSequence: 5),
        ])
        #expect(bench.board.pulsesTooShort(on: bench.lines[0]) == 1)
        #expect(bench.board.pulsesTooShort(on: bench.lines[1]) == 1)
    }

    /// With a latency tail as well: no stamp comes before the shortest pulse has passed, however
    /// short its draw (P(draw ≤ 20 ns) = 1 − e^(−2.1) = 0.88 with τ = 10 ns floored, so most stamps
    /// sit at exactly 20 ns), and a train of short pulses is lost entirely, each one counted.
    @Test func noStampComesBeforeTheShortestPulseAndEveryShortPulseIsCounted() throws {
        let bench = try StampBench(profile: .stamping(.tail(minimum: 0, mean: 10, maximum: 200), shortestPulse: .nanoseconds(20)),
                                   lineCount: 2, edges: [.rising, .rising])
        var rises: [Int64] = []
        for index in 0..<500 {
            let start = 1_000 + Int64(index) * 1_000
            bench.pulse(0, at: start, width: 30)
            bench.pulse(1, at: start, width: 10)
            rises.append(start)
        }
        let events = try bench.read(until: 1_000 + 500 * 1_000 + 1_000)
        let seen = events.filter { $0.line == 0 }
        #expect(events.filter { $0.line == 1 }.isEmpty)
        #expect(bench.board.pulsesTooShort(on: bench.lines[0]) == 0)
        #expect(bench.board.pulsesTooShort(on: bench.lines[1]) == 500)
        try #require(seen.count == rises.count)
        let latencies = zip(seen, rises).map { $0.timestamp.nanoseconds - $1 }
        #expect(latencies.allSatisfy { $0 >= 20 && $0 <= 200 })
        // Held at exactly 20 ns: binomial, p = 1 − e^(−2.1) = 0.878, 500 · p = 439, σ = 7.3.
        let p = 1 - exp(-2.1)
        let held = latencies.filter { $0 == 20 }.count
        #expect(abs(Double(held) - 500 * p) < 4 * (500 * p * (1 - p)).squareRoot(), "\(held) of 500 at 20 ns")
    }

    /// A line already active when it is requested (a closed interlock loop) has no rise the board
    /// saw; its first edge is a fall, which must be stamped like any other, not taken for the end
    /// of a pulse.
    @Test func aLineActiveBeforeItsRequestFallsLikeAnyOther() throws {
        let board = SimulatedBoard(profile: .stamping(.fixed(.nanoseconds(2_000)), shortestPulse: .nanoseconds(20)))
        let interlock = board.addLine(SimulatedLineSpec(chip: "qdot-sim", name: "INTERLOCK", direction: .input))
        let loop = InterlockSwitch(line: interlock, on: board)
        let input = try board.requestEdgeInputs([interlock], edges: [.both])
        loop.open(atCycle: 5_000, on: board)
        loop.close(atCycle: 5_010, on: board)   // closed again 10 ns later: a gap, not a pulse
        board.run(until: Instant(nanoseconds: 10_000))
        let buffer = UnsafeMutableBufferPointer<EdgeEvent>.allocate(capacity: 8)
        defer { buffer.deallocate() }
        let count = try input.readEdges(into: buffer)
        #expect(Array(buffer[0..<count]) == [
            EdgeEvent(kind: .falling, timestamp: Instant(nanoseconds: 7_000), line: 0, lineSequence: 1),
            EdgeEvent(kind: .rising, timestamp: Instant(nanoseconds: 7_010), line: 0, lineSequence: 2),
        ])
        #expect(board.pulsesTooShort(on: interlock) == 0)
    }
}
