import Boards
import HAL
import Simulator
import Testing

/// What an input request reports: the edges it asked for, numbered among themselves, in a buffer
/// as deep as the board's profile says.
@Suite struct EdgeRequestTests {
    /// Three pulses on three lines of one request, asking for rising, falling and both edges:
    /// each line reports its own kind only, and its sequence numbers count what it reported (a
    /// click line's sequence has no gaps for falls it never asked for, so a gap means a loss).
    @Test func eachLineReportsTheEdgesItAskedForAndNumbersOnlyThose() throws {
        let bench = try StampBench(profile: .ideal, lineCount: 3, edges: [.rising, .falling, .both])
        for line in 0..<3 {
            for index in 0..<3 { bench.pulse(line, at: 1_000 + Int64(index) * 100, width: 10 + Int64(line)) }
        }
        let events = try bench.read(until: 2_000)
        let rises: [EdgeEvent] = (0..<3).map { (index: Int) -> EdgeEvent in
            EdgeEvent(kind: .rising, timestamp: Instant(nanoseconds: 1_000 + Int64(index) * 100), line: 0,
                      lineSequence: UInt64(index + 1))
        }
        let falls: [EdgeEvent] = (0..<3).map { (index: Int) -> EdgeEvent in
            EdgeEvent(kind: .falling, timestamp: Instant(nanoseconds: 1_011 + Int64(index) * 100), line: 1,
                      lineSequence: UInt64(index + 1))
        }
        #expect(events.filter { $0.line == 0 } == rises)
        #expect(events.filter { $0.line == 1 } == falls)
        #expect(events.filter { $0.line == 2 }.map(\.lineSequence) == [1, 2, 3, 4, 5, 6])
        #expect(events.filter { $0.line == 2 }.map(\.kind) == [.rising, .falling, .rising, .falling, .rising, .falling])
        #expect(bench.input.lostEdgeCount == 0)
    }

    /// The same with stamps drawn late (a Raspberry Pi 4's kernel): still no falling edge on a
    /// rising-only line, and the sequence counts reported rises only.
    @Test func aRisingOnlyLineOnALateStampingBoardReportsRisesOnly() throws {
        let bench = try StampBench(profile: .raspberryPi4, lineCount: 1, edges: [.rising])
        for index in 0..<50 { bench.pulse(0, at: 10_000 + Int64(index) * 100_000, width: 1_000) }
        let events = try bench.read(until: 6_000_000)
        #expect(events.count == 50)
        #expect(events.allSatisfy { $0.kind == .rising })
        #expect(events.map(\.lineSequence) == (1...50).map { UInt64($0) })
    }

    /// A request's buffer holds the profile's events per line times its lines, shared by its lines
    /// (as Linux's uAPI v2 sizes one request's kfifo: 16 · lines by default), and a full buffer
    /// drops its oldest event and counts it.
    @Test func theBufferHoldsTheProfilesEventsPerLineAndCountsTheOverflow() throws {
        let profile = TimingProfile.stamping(.zero, eventsPerLine: 4)
        // Two lines, 4 events each: 8. Six pulses on each line (24 edges) before anything is read.
        let bench = try StampBench(profile: profile, lineCount: 2, eventsPerLine: nil)
        for index in 0..<6 {
            bench.pulse(0, at: 1_000 + Int64(index) * 100, width: 10)
            bench.pulse(1, at: 1_050 + Int64(index) * 100, width: 10)
        }
        let events = try bench.read(until: 2_000)
        #expect(events.count == 8)
        #expect(bench.input.lostEdgeCount == 16)
        // The newest eight survive: edges 9–12 of each line, oldest first.
        #expect(events.map(\.line) == [0, 0, 1, 1, 0, 0, 1, 1])
        #expect(events.map(\.lineSequence) == [9, 10, 9, 10, 11, 12, 11, 12])
        #expect(events.first?.timestamp == Instant(nanoseconds: 1_400))

        // Read in time, nothing is lost: 8 edges, then a read, then 8 more.
        let inTime = try StampBench(profile: profile, lineCount: 2, eventsPerLine: nil)
        for index in 0..<2 { inTime.pulse(0, at: 1_000 + Int64(index) * 100, width: 10); inTime.pulse(1, at: 1_000 + Int64(index) * 100, width: 10) }
        #expect(try inTime.read(until: 1_500).count == 8)
        for index in 0..<2 { inTime.pulse(0, at: 2_000 + Int64(index) * 100, width: 10); inTime.pulse(1, at: 2_000 + Int64(index) * 100, width: 10) }
        #expect(try inTime.read(until: 2_500).count == 8)
        #expect(inTime.input.lostEdgeCount == 0)

        // A request's own depth overrides the profile's.
        let deeper = try StampBench(profile: profile, lineCount: 2, eventsPerLine: 16)
        for index in 0..<6 { deeper.pulse(0, at: 1_000 + Int64(index) * 100, width: 10) }
        #expect(try deeper.read(until: 2_000).count == 12)
        #expect(deeper.input.lostEdgeCount == 0)
    }

    /// The shipped profiles' depth is Linux's default, 16 per line: a lone line's 17th edge unread
    /// pushes out the first.
    @Test func aRaspberryPi4RequestHoldsSixteenEventsPerLine() throws {
        #expect(TimingProfile.raspberryPi4.edgeEventsPerLine == 16)
        let bench = try StampBench(profile: .raspberryPi4, lineCount: 1, eventsPerLine: nil)
        for index in 0..<9 { bench.pulse(0, at: 10_000 + Int64(index) * 100_000, width: 10_000) }   // 18 edges
        let events = try bench.read(until: 2_000_000)
        #expect(events.count == 16)
        #expect(bench.input.lostEdgeCount == 2)
        #expect(events.first?.lineSequence == 3)
    }
}
