import Boards
import ConfigFile
import HAL
import Testing

/// A good board file parses to exactly the definition it describes; the shipped simulated station too.
@Suite struct BoardDefinitionTests {
    @Test func goodFileParsesToTheExpectedDefinition() throws {
        let board = try BoardDefinition.parse(text: BoardFileFixture.lab2, fileName: "lab2.board.toml")
        #expect(board.name == "lab2-pi4")
        #expect(board.description == "Pi 4 in lab 2, per-detector gates")
        #expect(board.backend == .linux)
        #expect(board.timingProfile == nil)
        #expect(board.consumer == "qdot-lab2")
        #expect(board.fileName == "lab2.board.toml")
        #expect(board.gateForm == .perDetector)
        #expect(board.gateLines.map(\.lineName) == ["GPIO22", "GPIO23", "GPIO24", "GPIO25"])
        #expect(board.basisBitCount(of: .a) == 2)
        #expect(board.basisBitCount(of: .b) == 1)
        #expect(board.basisLines(of: .a).map(\.lineName) == ["GPIO5", "GPIO6"])
        #expect(Set(board.lines.keys) == [
            .trigger, .gateAPlus, .gateAMinus, .gateBPlus, .gateBMinus, .basisA0, .basisA1, .basisB0, .status,
            .clickAPlus, .clickAMinus, .clickBPlus, .clickBMinus, .interlock,
        ])
        #expect(board[.trigger] == LineAssignment(
            role: .trigger, chipLabel: "pinctrl-bcm2711", lineName: "GPIO17", isActiveLow: false,
            bias: nil, safeLevel: .inactive, sourceLine: BoardFileFixture.line(of: "[line.trigger]")))
        #expect(board[.status] == LineAssignment(
            role: .status, chipLabel: "pinctrl-bcm2711", lineName: "GPIO26", isActiveLow: true,
            bias: nil, safeLevel: .inactive, sourceLine: BoardFileFixture.line(of: "[line.status]")))
        #expect(board[.clickAPlus]?.bias == .disabled)
        #expect(board[.clickAMinus]?.bias == .asIs)   // the default
        #expect(board[.interlock] == LineAssignment(
            role: .interlock, chipLabel: "pinctrl-bcm2711", lineName: "GPIO4", isActiveLow: true,
            bias: .pullUp, safeLevel: nil, sourceLine: BoardFileFixture.line(of: "[line.interlock]")))
        #expect(board.outputLines.map(\.role) == [
            .trigger, .gateAPlus, .gateAMinus, .gateBPlus, .gateBMinus, .basisA0, .basisA1, .basisB0, .status,
        ])
        #expect(board.inputLines.map(\.role) == [.clickAPlus, .clickAMinus, .clickBPlus, .clickBMinus, .interlock])
        #expect(board[.interlock]?.qualifiedName == "pinctrl-bcm2711/GPIO4")
    }

    /// The loopback line is an optional input for `qdot profile --loopback`: it parses like any
    /// input, but the station's inputs (what experiments request) leave it out.
    @Test func aLoopbackLineIsAnOptionalInputTheStationDoesNotRequest() throws {
        let text = BoardFileFixture.lab2 + """

            [line.loopback]
            chip = "pinctrl-bcm2711"
            name = "GPIO18"
            bias = "pull-down"
            """
        let board = try BoardDefinition.parse(text: text, fileName: "lab2.board.toml")
        #expect(board.loopbackLine == LineAssignment(
            role: .loopback, chipLabel: "pinctrl-bcm2711", lineName: "GPIO18", isActiveLow: false,
            bias: .pullDown, safeLevel: nil, sourceLine: BoardFileFixture.line(of: "[line.loopback]", in: text)))
        #expect(board.inputLines.map(\.role) == [.clickAPlus, .clickAMinus, .clickBPlus, .clickBMinus, .interlock])
        #expect(board.allLines.last?.role == .loopback)
        #expect(board.allLines.count == board.outputLines.count + board.inputLines.count + 1)
        #expect(try BoardDefinition.parse(text: BoardFileFixture.lab2, fileName: "lab2.board.toml").loopbackLine == nil)

        // An input: a safe level is refused, and it cannot share the trigger's line.
        let withSafe = BoardFileFixture.replacing("bias = \"pull-down\"", with: "safe = \"inactive\"", in: text)
        let safeErrors = #expect(throws: ConfigErrors.self) { try BoardDefinition.parse(text: withSafe, fileName: "x.board.toml") }
        #expect(safeErrors?.errors.map(\.field) == ["line.loopback.safe"])
        let onTrigger = BoardFileFixture.replacing("name = \"GPIO18\"", with: "name = \"GPIO17\"", in: text)
        let twice = #expect(throws: ConfigErrors.self) { try BoardDefinition.parse(text: onTrigger, fileName: "x.board.toml") }
        #expect(twice?.errors.first?.message.hasPrefix("expected each line to play one role, found line pinctrl-bcm2711/GPIO17 used twice") == true)
    }

    @Test func simulatedStationParsesWithTheExpectedRoles() throws {
        let station = try BoardDefinition.simulatedStation
        #expect(station.name == "simulated-station")
        #expect(station.backend == .simulated)
        #expect(station.timingProfile == .ideal)
        #expect(station.consumer == "qdot")
        #expect(station.gateForm == .shared)
        #expect(station.basisBitCount(of: .a) == 3 && station.basisBitCount(of: .b) == 3)
        let expectedNames: [LineRole: String] = [
            .trigger: "TRIGGER", .gate: "GATE",
            .basisA0: "BASIS_A0", .basisA1: "BASIS_A1", .basisA2: "BASIS_A2",
            .basisB0: "BASIS_B0", .basisB1: "BASIS_B1", .basisB2: "BASIS_B2", .status: "STATUS",
            .clickAPlus: "CLICK_A_PLUS", .clickAMinus: "CLICK_A_MINUS",
            .clickBPlus: "CLICK_B_PLUS", .clickBMinus: "CLICK_B_MINUS", .interlock: "INTERLOCK",
        ]
        #expect(station.lines.mapValues(\.lineName) == expectedNames)
        #expect(station.lines.values.allSatisfy { $0.chipLabel == "qdot-sim" && !$0.isActiveLow })
        #expect(station.outputLines.allSatisfy { $0.safeLevel == .inactive && $0.bias == nil })
        #expect(station.inputLines.allSatisfy { $0.safeLevel == nil })
        #expect(station[.interlock]?.bias == .pullDown)
        #expect(station[.clickAPlus]?.bias == .disabled)
        // Line numbers point into the shipped file.
        #expect(station[.trigger]?.sourceLine
            == BoardFileFixture.line(of: "[line.trigger]", in: BoardDefinition.simulatedStationText))
    }

    @Test func loadReadsTheShippedFileFromDisk() throws {
        // Tests/BoardsTests/this file → the package root → Board/simulated.board.toml
        let packageRoot = #filePath.split(separator: "/").dropLast(3).joined(separator: "/")
        let path = "/" + packageRoot + "/Board/simulated.board.toml"
        var loaded = try BoardDefinition.load(contentsOf: path)
        #expect(loaded.fileName == path)
        loaded.fileName = "simulated.board.toml"
        #expect(loaded == (try BoardDefinition.simulatedStation))
    }

    @Test func aMissingFileIsAnErrorNamingThePath() {
        let errors = #expect(throws: ConfigErrors.self) { try BoardDefinition.load(contentsOf: "/nonexistent/lab9.board.toml") }
        #expect(errors?.first.fileName == "/nonexistent/lab9.board.toml")
        #expect(errors != nil && errors?.first.line == nil)
        #expect(errors?.first.message.hasPrefix("expected a readable .board.toml file, found No such file or directory") == true)
    }

    @Test func roleHelpersDescribeDirectionGateFormAndBasisBits() {
        #expect(LineRole.allCases.count == 19)
        #expect(LineRole.allCases.filter(\.isInput) == [.clickAPlus, .clickAMinus, .clickBPlus, .clickBMinus, .interlock, .loopback])
        #expect(LineRole.allCases.filter { !$0.isStationRole } == [.loopback])
        #expect(LineRole.trigger.isOutput && LineRole.status.direction == .output)
        #expect(LineRole.gate.gateForm == .shared && LineRole.gateBMinus.gateForm == .perDetector)
        #expect(LineRole.trigger.gateForm == nil)
        #expect(LineRole.basisBits(of: .b) == [.basisB0, .basisB1, .basisB2])
        #expect(LineRole.basisA2.basisBit?.arm == .a && LineRole.basisA2.basisBit?.bit == 2)
        #expect(LineRole.clickAPlus.basisBit == nil)
        #expect(LineRole.gate(arm: .b, output: .minus) == .gateBMinus)
        #expect(LineRole.click(arm: .a, output: .plus) == .clickAPlus)
        #expect(LineRole.allCases.filter(\.isRequired) == [
            .trigger, .basisA0, .basisB0, .clickAPlus, .clickAMinus, .clickBPlus, .clickBMinus, .interlock,
        ])
    }
}
