public import HAL

/// Input lines of the simulated board requested together for edge detection (the HAL's `EdgeInput`).
///
/// `readEdges` is inlinable: the firmware's loop, specialised for this board where the station
/// is put together, reads an empty buffer (nearly every cycle's read) with a few loads and
/// comparisons, without a call into this module.
public final class SimulatedEdgeInput: EdgeInput {
    @usableFromInline let board: SimulatedBoard
    @usableFromInline let queueIndex: Int
    private let lineIDs: [LineID]
    public let lineNames: [String]

    init(board: SimulatedBoard, lines: [LineID], queueIndex: Int) {
        self.board = board
        self.lineIDs = lines
        self.queueIndex = queueIndex
        self.lineNames = lines.map { board.lines[$0.index].spec.name }
    }

    public var lineCount: Int { lineIDs.count }

    @inlinable @inline(__always)
    public func readEdges(into buffer: UnsafeMutableBufferPointer<EdgeEvent>) throws(HardwareError) -> Int {
        board.advanceWorld(to: board.firmwareCycle)
        let count = board.edgeQueues[queueIndex].pop(into: buffer)
        // (Board cycles: see SimulatedBoard.firmwareCycle.)
        board.firmwareCycle &+= board.edgeReadCostCycles &+ Int64(count) &* board.edgeReadPerEventCycles
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

    /// Inlinable, as ``readEdges(into:)``: the loop asks it once per cycle for the interlock's
    /// request.
    @inlinable public var lostEdgeCount: Int { board.edgeQueues[queueIndex].dropped }
}
