import Boards
import HAL
@testable import Simulator
import Testing

@Suite struct SimulatedBoardTests {
    @Test func eventsRunInCycleThenSchedulingOrder() {
        var queue = EventQueue()
        queue.schedule(.timer(device: 0, tag: 1), at: 50)
        queue.schedule(.timer(device: 0, tag: 2), at: 10)
        queue.schedule(.timer(device: 0, tag: 3), at: 50)
        queue.schedule(.timer(device: 0, tag: 4), at: 10)
        queue.schedule(.timer(device: 0, tag: 5), at: 30)
        var order: [Int64] = []
        while let event = queue.popDue(atOrBefore: 40) {
            if case let .timer(_, tag) = event.event { order.append(tag) }
        }
        #expect(order == [2, 4, 5])
        while let event = queue.popDue(atOrBefore: .max) {
            if case let .timer(_, tag) = event.event { order.append(tag) }
        }
        #expect(order == [2, 4, 5, 1, 3])
    }

    @Test func inputEdgesCarryTimestampsAndSequenceNumbers() throws {
        let board = SimulatedBoard()
        let click = board.addLine(SimulatedLineSpec(chip: "qdot-sim", name: "CLICK", direction: .input))
        let input = try board.requestEdgeInputs([click])
        board.drive(click, to: .active, at: Instant(nanoseconds: 100))
        board.drive(click, to: .inactive, at: Instant(nanoseconds: 110))
        board.run(until: Instant(nanoseconds: 200))
        let buffer = UnsafeMutableBufferPointer<EdgeEvent>.allocate(capacity: 8)
        defer { buffer.deallocate() }
        let count = try input.readEdges(into: buffer)
        #expect(Array(buffer[0..<count]) == [
            EdgeEvent(kind: .rising, timestamp: Instant(nanoseconds: 100), line: 0, lineSequence: 1),
            EdgeEvent(kind: .falling, timestamp: Instant(nanoseconds: 110), line: 0, lineSequence: 2),
        ])
        #expect(try input.readEdges(into: buffer) == 0)
    }

    @Test func fullEdgeBufferDropsTheOldestAndCountsIt() throws {
        let board = SimulatedBoard()
        let click = board.addLine(SimulatedLineSpec(chip: "qdot-sim", name: "CLICK", direction: .input))
        let input = try board.requestEdgeInputs([click], eventsPerLine: 16)
        for i in 0..<20 {   // 20 edges into a 16-event buffer
            board.drive(click, to: i % 2 == 0 ? .active : .inactive, at: Instant(nanoseconds: Int64(10 * (i + 1))))
        }
        board.run(until: Instant(nanoseconds: 1_000))
        let buffer = UnsafeMutableBufferPointer<EdgeEvent>.allocate(capacity: 32)
        defer { buffer.deallocate() }
        let count = try input.readEdges(into: buffer)
        #expect(count == 16)
        #expect(input.lostEdgeCount == 4)
        // The survivors are the newest; their sequence numbers show the gap (1–4 missing).
        #expect(buffer[0].lineSequence == 5)
        #expect(buffer[15].lineSequence == 20)
    }

    @Test func requestsAreRefusedLikeTheKernelWould() throws {
        let board = SimulatedBoard()
        let trigger = board.addLine(SimulatedLineSpec(chip: "qdot-sim", name: "TRIGGER", direction: .output))
        let click = board.addLine(SimulatedLineSpec(chip: "qdot-sim", name: "CLICK", direction: .input))
        _ = try board.requestOutputs([trigger])
        let busy = #expect(throws: HardwareError.self) { try board.requestOutputs([trigger]) }
        #expect(busy?.kind == .lineBusy)
        #expect(busy?.line == "qdot-sim/TRIGGER")
        let wrongWay = #expect(throws: HardwareError.self) { try board.requestOutputs([click]) }
        #expect(wrongWay?.kind == .invalidRequest)
    }

    @Test func activeLowLinesAreTracedAtTheirElectricalLevel() throws {
        let board = SimulatedBoard()
        let gate = board.addLine(SimulatedLineSpec(chip: "qdot-sim", name: "GATE_N", direction: .output, activeLow: true))
        let output = try board.requestOutputs([gate])
        try output.set(.active)
        board.makeClock().sleep(until: Instant(nanoseconds: 10))
        try output.set(.inactive)
        let trace = board.trace
        #expect(trace.initialLevels == [1])
        #expect(trace.records == [TraceRecord(time: .zero, line: gate, level: 0),
                                  TraceRecord(time: Instant(nanoseconds: 10), line: gate, level: 1)])
    }

    @Test func sleepNeverReturnsBeforeItsDeadline() {
        let board = SimulatedBoard(profile: .raspberryPi4, seed: 3)
        let clock = board.makeClock()
        var deadline = Instant(nanoseconds: 1_000)
        for _ in 0..<1_000 {
            let wake = clock.sleep(until: deadline)
            #expect(wake >= deadline + TimingProfile.raspberryPi4.wakeLatency.minimum)
            #expect(wake <= deadline + TimingProfile.raspberryPi4.wakeLatency.maximum)
            deadline = deadline + .microseconds(200)
        }
    }

    @Test func watchersAndScheduledActionsSeeTheWorld() throws {
        let board = SimulatedBoard()
        let interlock = board.addLine(SimulatedLineSpec(chip: "qdot-sim", name: "INTERLOCK", direction: .input))
        var seen: [TraceRecord] = []
        board.watch(interlock) { seen.append($0) }
        board.schedule(at: Instant(nanoseconds: 500)) { board in
            board.drive(interlock, to: .active, at: board.currentInstant + .nanoseconds(5))
        }
        board.run(until: Instant(nanoseconds: 1_000))
        #expect(seen == [TraceRecord(time: Instant(nanoseconds: 505), line: interlock, level: 1)])
        #expect(board.logicalValue(of: interlock) == .active)
    }

    /// A scheduled action that captures the board (as the interlock tests' closures capture their
    /// fixture) must not keep it alive once it has run: the board holds its devices, so a closure
    /// kept after firing made a cycle that LeakSanitizer reported (Tools/ci/sanitizers.sh).
    @Test func aScheduledActionThatRanDoesNotKeepTheBoardAlive() {
        weak var released: SimulatedBoard?
        var fired = 0
        do {
            let board = SimulatedBoard()
            board.schedule(at: Instant(nanoseconds: 500)) { _ in fired += board.currentInstant.nanoseconds >= 500 ? 1 : 0 }
            board.run(until: Instant(nanoseconds: 1_000))
            released = board
        }
        #expect(fired == 1)
        #expect(released == nil)
    }
}
