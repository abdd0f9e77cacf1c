import HAL
import Simulator

/// An output request that passes every write on to the simulated board's request and notes it
/// in a shared log, as a bus analyser on the chip's ioctl would: when the call was made, which
/// chip, and each line the call's mask selects with the level it drives it to.
///
/// The trace shows only lines that change; this log also shows writes that change nothing, so a
/// test can tell one bulk write from several and see exactly which lines a write touched.
final class RecordingOutputLine: OutputLine {
    /// The writes of every request that shares it, in the order they were made.
    final class Log {
        var entries: [String] = []
    }

    let base: SimulatedOutputLine
    let chip: String
    let board: SimulatedBoard
    let log: Log

    init(_ base: SimulatedOutputLine, chip: String, board: SimulatedBoard, log: Log) {
        self.base = base
        self.chip = chip
        self.board = board
        self.log = log
    }

    var lineCount: Int { base.lineCount }
    var lineNames: [String] { base.lineNames }
    var driven: LineBits { base.driven }

    /// Notes the write, then makes it. The time noted is where the simulation stands: the
    /// firmware's own time under the ideal profile (every call free, the world kept up with it).
    func set(_ values: LineBits, mask: LineBits) throws(HardwareError) {
        let lines = (0..<lineCount).filter { mask[$0] == .active }
            .map { "\(lineNames[$0])\(values[$0] == .active ? "↑" : "↓")" }
        log.entries.append("\(board.currentInstant.nanoseconds) \(chip): " + lines.joined(separator: " "))
        try base.set(values, mask: mask)
    }
}
