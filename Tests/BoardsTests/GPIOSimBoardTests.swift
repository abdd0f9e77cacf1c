import Boards
import HAL
import Testing

/// The gpio-sim lane's board file (Board/gpio-sim.board.toml) parses, and binds every role to the
/// chip the guest creates, with the line names the guest's setup script reads from it.
@Suite struct GPIOSimBoardTests {
    /// Board/gpio-sim.board.toml, found from this file's path.
    static let path: String = {
        let packageRoot = #filePath.split(separator: "/").dropLast(3).joined(separator: "/")
        return "/" + packageRoot + "/Board/gpio-sim.board.toml"
    }()

    @Test func theLaneBoardIsALinuxBoardOnTheGPIOSimChip() throws {
        let board = try BoardDefinition.load(contentsOf: Self.path)
        #expect(board.name == "gpio-sim")
        #expect(board.backend == .linux)
        #expect(board.timingProfile == nil)
        #expect(board.consumer == "qdot")
        #expect(board.gateForm == .shared)
        #expect(board.basisBitCount(of: .a) == 2 && board.basisBitCount(of: .b) == 2)
        #expect(board.lines.count == 13)
        #expect(board.lines.values.allSatisfy { $0.chipLabel == "gpio-sim.0-node0" && !$0.isActiveLow })
    }

    @Test func lineNamesAreTheOnesTheGuestCreates() throws {
        let board = try BoardDefinition.load(contentsOf: Self.path)
        // Tools/hil/guest/gpio-sim-setup.sh names the chip's lines in file order: this is that order.
        let inFileOrder = board.lines.values.sorted { $0.sourceLine < $1.sourceLine }.map(\.lineName)
        #expect(inFileOrder == ["TRIGGER", "GATE", "BASIS_A0", "BASIS_A1", "BASIS_B0", "BASIS_B1", "STATUS",
                                "CLICK_A_PLUS", "CLICK_A_MINUS", "CLICK_B_PLUS", "CLICK_B_MINUS", "INTERLOCK", "LOOPBACK"])
    }

    @Test func inputsLeaveThePullToTheHarness() throws {
        // On gpio-sim a bias request sets the very pull the harness moves the line with.
        let board = try BoardDefinition.load(contentsOf: Self.path)
        #expect(board.inputLines.count == 5)
        #expect(board.inputLines.allSatisfy { $0.bias == .asIs })
        #expect(board.loopbackLine?.bias == .asIs)
        #expect(board.outputLines.allSatisfy { $0.safeLevel == .inactive })
    }
}
