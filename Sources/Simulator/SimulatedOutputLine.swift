public import HAL

/// Output lines of the simulated board, requested together (the HAL's `OutputLine`).
///
/// Each set costs the profile's write cost of firmware time; the line changes at the pin after
/// the profile's write latency. A bulk set is one operation, as one ioctl is on Linux.
///
/// `set(_:mask:)` is inlinable, and so is the board's write path it reaches, down to the line
/// changes of the station's devices (the laser's trigger edge, the gate fan-out, the analyzer):
/// the firmware's loop, compiled for this board where the station is put together, writes in
/// place instead of calling into this module four to five times per trigger cycle (each call
/// saved and restored every register). What is rare stays a call: the trace, edge stamps,
/// several watchers of one line, a write that must wait behind a due event.
public final class SimulatedOutputLine: OutputLine {
    @usableFromInline let board: SimulatedBoard
    /// The board's index of each of this request's lines, checked when they were requested.
    @usableFromInline let lineIndices: [Int]
    /// The bits of this request's lines.
    @usableFromInline let requestMask: UInt64
    public let lineNames: [String]
    /// The levels the firmware drives, bit i for line i (``driven``).
    @usableFromInline var drivenBits: UInt64 = 0
    public var driven: LineBits { LineBits(rawValue: drivenBits) }

    init(board: SimulatedBoard, lines: [LineID]) {
        self.board = board
        self.lineIndices = lines.map(\.index)
        self.requestMask = LineBits.all(lines.count).rawValue
        self.lineNames = lines.map { board.lines[$0.index].spec.name }
    }

    public var lineCount: Int { lineIndices.count }

    public func set(line index: Int, to value: LineValue) throws(HardwareError) {
        guard index >= 0 && index < lineIndices.count else {
            throw HardwareError(.invalidRequest, operation: "set", line: nil,
                                detail: "line index \(index) outside a request of \(lineIndices.count) lines")
        }
        var bits = driven
        bits[index] = value
        try set(bits, mask: LineBits(rawValue: 1 << UInt64(index)))
    }

    @inlinable @inline(__always)
    public func set(_ values: LineBits, mask: LineBits) throws(HardwareError) {
        let start = board.firmwareCycle
        let landing = start &+ board.writeLatencyCycles   // (board cycles: see SimulatedBoard.firmwareCycle)
        let selected = mask.rawValue & requestMask
        // Only the lines whose level changes go to the board: a line written to the level it is
        // driven to would change nothing there (the write still costs its firmware time).
        var remaining = selected & (values.rawValue ^ drivenBits)
        drivenBits = (drivenBits & ~selected) | (values.rawValue & selected)
        if remaining != 0 {
            let mayLandNow = board.writeMayLandNow(atCycle: landing)
            // Every set bit of `remaining` is below `lineIndices.count` (it is in `requestMask`),
            // so the buffer is read without a bounds check and the shift is by less than 64.
            lineIndices.withUnsafeBufferPointer { lineIndices in
                repeat {
                    let position = remaining.trailingZeroBitCount
                    remaining &= remaining &- 1
                    board.landWrite(line: lineIndices[position],
                                    to: UInt8(truncatingIfNeeded: values.rawValue &>> UInt64(position)) & 1,
                                    atCycle: landing, mayLandNow: mayLandNow)
                } while remaining != 0
            }
        }
        board.firmwareCycle = start &+ board.writeCostCycles
    }
}
