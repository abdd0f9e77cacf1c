public import HAL

/// Output lines of the simulated board, requested together (the HAL's `OutputLine`).
///
/// Each set costs the profile's write cost of firmware time; the line changes at the pin after
/// the profile's write latency. A bulk set is one operation, as one ioctl is on Linux.
public final class SimulatedOutputLine: OutputLine {
    private let board: SimulatedBoard
    private let lineIDs: [LineID]
    public let lineNames: [String]
    public private(set) var driven: LineBits = .none

    init(board: SimulatedBoard, lines: [LineID]) {
        self.board = board
        self.lineIDs = lines
        self.lineNames = lines.map { board.lines[$0.index].spec.name }
    }

    public var lineCount: Int { lineIDs.count }

    public func set(line index: Int, to value: LineValue) throws(HardwareError) {
        guard index >= 0 && index < lineIDs.count else {
            throw HardwareError(.invalidRequest, operation: "set", line: nil,
                                detail: "line index \(index) outside a request of \(lineIDs.count) lines")
        }
        var bits = driven
        bits[index] = value
        try set(bits, mask: LineBits(rawValue: 1 << UInt64(index)))
    }

    public func set(_ values: LineBits, mask: LineBits) throws(HardwareError) {
        let start = board.firmwareCycle
        let landing = start + board.writeLatencyCycles
        var remaining = mask.rawValue & LineBits.all(lineIDs.count).rawValue
        while remaining != 0 {
            let index = remaining.trailingZeroBitCount
            remaining &= remaining - 1
            let value = values[index]
            driven[index] = value
            board.landWrite(lineIDs[index], to: value.rawValue, atCycle: landing)
        }
        board.firmwareCycle = start + board.writeCostCycles
    }
}

/// Input lines of the simulated board requested together for edge detection (the HAL's `EdgeInput`).
public final class SimulatedEdgeInput: EdgeInput {
    private let board: SimulatedBoard
    private let queueIndex: Int
    private let lineIDs: [LineID]
    public let lineNames: [String]

    init(board: SimulatedBoard, lines: [LineID], queueIndex: Int) {
        self.board = board
        self.lineIDs = lines
        self.queueIndex = queueIndex
        self.lineNames = lines.map { board.lines[$0.index].spec.name }
    }

    public var lineCount: Int { lineIDs.count }

    public func readEdges(into buffer: UnsafeMutableBufferPointer<EdgeEvent>) throws(HardwareError) -> Int {
        board.advanceWorld(to: board.firmwareCycle)
        let count = board.edgeQueues[queueIndex].pop(into: buffer)
        board.firmwareCycle += board.edgeReadCostCycles + Int64(count) * board.edgeReadPerEventCycles
        return count
    }

    public func value(ofLine index: Int) throws(HardwareError) -> LineValue {
        guard index >= 0 && index < lineIDs.count else {
            throw HardwareError(.invalidRequest, operation: "get value", line: nil,
                                detail: "line index \(index) outside a request of \(lineIDs.count) lines")
        }
        board.advanceWorld(to: board.firmwareCycle)
        let value = board.lines[lineIDs[index].index].value
        board.firmwareCycle += board.lineReadCostCycles
        return value == 1 ? .active : .inactive
    }

    public var lostEdgeCount: Int { board.edgeQueues[queueIndex].dropped }
}

/// The simulated board's clock (the HAL's `HardwareClock`): simulated time, with the profile's
/// wake-up latency on every sleep that actually sleeps.
public final class SimulatedClock: HardwareClock {
    private let board: SimulatedBoard

    init(board: SimulatedBoard) { self.board = board }

    public var now: Instant {
        board.advanceWorld(to: board.firmwareCycle)
        let instant = board.instant(atCycle: board.firmwareCycle)
        board.firmwareCycle += board.clockReadCostCycles
        return instant
    }

    @discardableResult
    public func sleep(until deadline: Instant) -> Instant {
        let target = board.cycle(atOrAfter: deadline)
        let wake = target > board.firmwareCycle
            ? target + board.sampleWakeLatencyCycles()
            : board.firmwareCycle + board.clockReadCostCycles
        board.advanceWorld(to: wake)
        board.firmwareCycle = wake
        return board.instant(atCycle: wake)
    }
}
