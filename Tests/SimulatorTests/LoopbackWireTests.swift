import HAL
import Simulator
import Testing

/// The loopback jumper: the spare input follows the trigger's level in the same cycle, through its
/// own polarity, and its edges are stamped as the profile stamps every input edge.
@Suite struct LoopbackWireTests {
    /// A board with a trigger output wired to a spare input; `activeLow` is the input's polarity.
    private func wiredBoard(profile: TimingProfile = .ideal, inputActiveLow: Bool = false)
        -> (SimulatedBoard, trigger: LineID, loopback: LineID) {
        let board = SimulatedBoard(profile: profile)
        let trigger = board.addLine(SimulatedLineSpec(chip: "qdot-sim", name: "TRIGGER", direction: .output))
        let loopback = board.addLine(SimulatedLineSpec(chip: "qdot-sim", name: "LOOPBACK", direction: .input,
                                                       activeLow: inputActiveLow))
        _ = LoopbackWire(from: trigger, to: loopback, on: board)
        return (board, trigger, loopback)
    }

    @Test func theInputFollowsTheTriggerInTheSameCycle() throws {
        let (board, trigger, loopback) = wiredBoard()
        let output = try board.requestOutputs([trigger])
        let clock = board.makeClock()
        clock.sleep(until: Instant(nanoseconds: 1_000))
        try output.set(.active)
        clock.sleep(until: Instant(nanoseconds: 1_500))
        try output.set(.inactive)
        let trace = board.trace
        #expect(trace.initialLevels == [0, 0])
        #expect(trace.records == [
            TraceRecord(time: Instant(nanoseconds: 1_000), line: trigger, level: 1),
            TraceRecord(time: Instant(nanoseconds: 1_000), line: loopback, level: 1),
            TraceRecord(time: Instant(nanoseconds: 1_500), line: trigger, level: 0),
            TraceRecord(time: Instant(nanoseconds: 1_500), line: loopback, level: 0),
        ])
    }

    /// The wire joins levels: an active-low input on an active-high trigger reads active while the
    /// trigger is inactive, from the start, and falls (logically) when the trigger goes active.
    @Test func anInputOfTheOtherPolarityReadsInverted() throws {
        let (board, trigger, loopback) = wiredBoard(inputActiveLow: true)
        #expect(board.logicalValue(of: loopback) == .active)
        let output = try board.requestOutputs([trigger])
        let input = try board.requestEdgeInputs([loopback])
        try output.set(.active)
        board.settle()
        let buffer = UnsafeMutableBufferPointer<EdgeEvent>.allocate(capacity: 4)
        defer { buffer.deallocate() }
        #expect(try input.readEdges(into: buffer) == 1)
        #expect(buffer[0].kind == .falling)
        #expect(board.logicalValue(of: loopback) == .inactive)
    }

    /// On a board with stamp latency the loopback's edge is stamped that much after the write landed:
    /// write start + write latency + the stamp latency drawn for the edge (fixed here).
    @Test func theLoopbackEdgeIsStampedWithTheProfilesLatency() throws {
        let profile = TimingProfile(name: "fixed", lineWriteCost: .nanoseconds(1_200), lineWriteLatency: .nanoseconds(900),
                                    edgeReadCost: .nanoseconds(2_000), edgeReadCostPerEvent: .zero, lineReadCost: .zero,
                                    clockReadCost: .zero, wakeLatency: .zero, edgeStampLatency: .fixed(.nanoseconds(2_000)))
        let (board, trigger, loopback) = wiredBoard(profile: profile)
        let output = try board.requestOutputs([trigger])
        let input = try board.requestEdgeInputs([loopback])
        board.makeClock().sleep(until: Instant(nanoseconds: 10_000))
        try output.set(.active)
        board.run(until: Instant(nanoseconds: 20_000))
        let buffer = UnsafeMutableBufferPointer<EdgeEvent>.allocate(capacity: 4)
        defer { buffer.deallocate() }
        #expect(try input.readEdges(into: buffer) == 1)
        #expect(buffer[0] == EdgeEvent(kind: .rising, timestamp: Instant(nanoseconds: 12_900), line: 0, lineSequence: 1))
    }
}
