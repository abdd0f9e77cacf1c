import HAL
import LinuxHAL
import Testing

/// Lost edges per line, by the edges each line reports: exact from kernel numbers on libgpiod
/// 2.x; on 1.6 a lower bound from alternation where both edges are reported, and nothing
/// claimed where only one kind is (click lines report rising edges only).
@Suite struct EdgeSequenceTrackerTests {
    static func edge(_ kind: EdgeKind, line: Int, sequence: UInt64 = 0) -> EdgeEvent {
        EdgeEvent(kind: kind, timestamp: Instant(nanoseconds: 0), line: line, lineSequence: sequence)
    }

    /// Accounts for `events` in order; returns the sequence numbers they leave with.
    static func account(_ events: [EdgeEvent], in tracker: inout EdgeSequenceTracker) -> [UInt64] {
        events.map { event in
            var event = event
            tracker.account(&event)
            return event.lineSequence
        }
    }

    @Test func detectionFollowsTheAPIAndTheLinesEdges() {
        #expect(EdgeSequenceTracker(edges: [.rising, .falling, .both], usesKernelSequenceNumbers: true).detection
            == [.exact, .exact, .exact])
        #expect(EdgeSequenceTracker(edges: [.rising, .falling, .both], usesKernelSequenceNumbers: false).detection
            == [.undetectable, .undetectable, .lowerBound])
    }

    /// libgpiod 1.6, four click lines requested rising: every click is a rising edge after a
    /// rising edge, and none of them is a loss.
    @Test func libgpiod16RisingOnlyClicksCountNothingFalselyAndAreNumberedInTurn() {
        var tracker = EdgeSequenceTracker(edges: [.rising, .rising, .rising, .rising], usesKernelSequenceNumbers: false)
        let clicks = (0..<40).map { Self.edge(.rising, line: $0 % 4) }
        let numbers = Self.account(clicks, in: &tracker)
        #expect(tracker.lostEdgeCount == 0)
        let inTurn: [UInt64] = (0..<40).map { UInt64($0 / 4 + 1) }
        #expect(numbers == inTurn)
        #expect(tracker.detection == Array(repeating: .undetectable, count: 4))
    }

    /// The same request with the interlock (both edges) on line 4: its repeated kind is still a
    /// loss, the clicks beside it are not.
    @Test func libgpiod16StillBoundsTheBothEdgeInterlocksLossesBesideRisingClicks() {
        var tracker = EdgeSequenceTracker(edges: [.rising, .rising, .both], usesKernelSequenceNumbers: false)
        let numbers = Self.account([
            Self.edge(.rising, line: 0), Self.edge(.rising, line: 2), Self.edge(.rising, line: 0),
            Self.edge(.falling, line: 2), Self.edge(.falling, line: 2), Self.edge(.rising, line: 1),
            Self.edge(.rising, line: 0),
        ], in: &tracker)
        #expect(tracker.lostEdgeCount == 1, "the interlock's rising edge between its two falling ones")
        #expect(numbers == [1, 1, 2, 2, 4, 1, 3])
    }

    /// A falling-only line on 1.6 is as blind as a rising-only one.
    @Test func libgpiod16FallingOnlyLinesCountNothingEither() {
        var tracker = EdgeSequenceTracker(edges: [.falling], usesKernelSequenceNumbers: false)
        _ = Self.account((0..<5).map { _ in Self.edge(.falling, line: 0) }, in: &tracker)
        #expect(tracker.lostEdgeCount == 0)
    }

    /// libgpiod 2.x: a rising-only line's sequence numbers count rising edges only, and a gap is
    /// exact as on any line.
    @Test func libgpiod2CountsARisingOnlyLinesGapsExactly() {
        var tracker = EdgeSequenceTracker(edges: [.rising, .both], usesKernelSequenceNumbers: true)
        let numbers = Self.account([
            Self.edge(.rising, line: 0, sequence: 1), Self.edge(.rising, line: 0, sequence: 2),
            Self.edge(.rising, line: 1, sequence: 1), Self.edge(.rising, line: 0, sequence: 5),
            Self.edge(.falling, line: 1, sequence: 2),
        ], in: &tracker)
        #expect(tracker.lostEdgeCount == 2)
        #expect(numbers == [1, 2, 1, 5, 2], "kernel numbers are passed through")
    }
}
