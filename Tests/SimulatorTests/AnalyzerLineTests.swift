import HAL
import Physics
@testable import Simulator
import Testing

/// A device that watches a line and does nothing: a second watcher of a basis line.
private final class IdleDevice: SimulatedDevice {
    func lineChanged(_ line: LineID, to value: UInt8, atCycle cycle: Int64, on board: SimulatedBoard) {}
}

/// How an analyzer follows its basis-select lines: each line is one bit of the code, bit 0 first,
/// whether the board calls it alone on the line (with the bit found when it attached) or with
/// other watchers (it finds the bit itself), and whatever order the lines were added in.
@Suite struct AnalyzerLineTests {
    /// Three basis lines added in reverse order (board index and bit differ), the middle one also
    /// watched by another device: every code 0…7 written in one bulk set, then bit by bit.
    @Test func theCodeFollowsEveryBasisLine() throws {
        let board = SimulatedBoard()
        let lines = ["B2", "B1", "B0"].map {
            board.addLine(SimulatedLineSpec(chip: "qdot-sim", name: $0, direction: .output))
        }
        let basisLines = [lines[2], lines[1], lines[0]]   // bit 0 on board line 2
        let table = AnalyzerBasisTable(
            basisSelectLineCount: 3,
            settingsByCode: [0: .horizontalVertical, 1: .diagonalAntidiagonal, 5: .rightLeft, 6: .linear(degrees: 22.5)])
        let analyzer = PolarizationAnalyzer(arm: "a", basisSelectLines: basisLines, table: table)
        analyzer.attach(to: board)
        board.attach(IdleDevice(), watching: [basisLines[1]])
        let outputs = try board.requestOutputs(basisLines)

        for code in [5, 0, 7, 2, 6, 1, 3, 4, 0] {
            try outputs.set(LineBits(rawValue: UInt64(code)), mask: LineBits(rawValue: 0b111))
            board.settle()
            #expect(analyzer.basisCode == code)
            #expect(analyzer.setting == table.settingsByCode[code])
        }
        for bit in [2, 0, 1, 0, 2] {
            let code = analyzer.basisCode ^ (1 << bit)
            try outputs.set(line: bit, to: code & (1 << bit) != 0 ? .active : .inactive)
            board.settle()
            #expect(analyzer.basisCode == code)
            #expect(analyzer.setting == table.settingsByCode[code])
        }
    }
}
