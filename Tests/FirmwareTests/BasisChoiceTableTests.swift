@testable import Firmware
import HAL
import Testing

/// The table of basis writes a random-basis step draws from: choice `a · (B's code count) + b`
/// owns `writes[starts[c] ..< starts[c + 1]]`, one write per request its lines are on.
@Suite struct BasisChoiceTableTests {
    /// A station whose outputs are `chips`, one basis line per arm unless told otherwise.
    static func table(_ choice: RandomBasisChoice, chips: [(chip: String, lines: [String])],
                      basisA: [String] = ["BASIS_A0"], basisB: [String] = ["BASIS_B0"]) throws
        -> (BasisChoiceTable, CycleProgram) {
        let fixture = try WiredStationFixture(outputChips: chips, gates: ["GATE"], basisA: basisA, basisB: basisB)
        var program = CycleProgram(lines: fixture.lines)
        let table = BasisChoiceTable(choice, program: &program, lines: fixture.lines)
        return (table, program)
    }

    static let oneChip = [(chip: "qdot-sim", lines: ["TRIGGER", "GATE", "BASIS_A0", "BASIS_B0", "STATUS"])]

    @Test func twoByTwoOnOneChipIsOneWritePerChoice() throws {
        let (table, program) = try Self.table(RandomBasisChoice(codesA: [0, 1], codesB: [0, 1]), chips: Self.oneChip)
        #expect(table.codesA == [0, 1] && table.codesB == [0, 1])
        #expect(table.starts == [0, 1, 2, 3, 4])
        // Choice c = 2a + b: (0,0) (0,1) (1,0) (1,1).
        #expect(table.choice(a: 0, b: 1) == 1 && table.choice(a: 1, b: 0) == 2 && table.choice(a: 1, b: 1) == 3)
        #expect(table.writes.map { $0.described(in: program) } == [
            "0 #0 BASIS_A0↓ BASIS_B0↓", "0 #0 BASIS_A0↓ BASIS_B0↑", "0 #0 BASIS_A0↑ BASIS_B0↓", "0 #0 BASIS_A0↑ BASIS_B0↑",
        ])
    }

    @Test func twoByTwoWithTheArmsOnTwoChipsIsTwoWritesPerChoice() throws {
        let (table, program) = try Self.table(RandomBasisChoice(codesA: [0, 1], codesB: [0, 1]), chips: [
            (chip: "qdot-sim-a", lines: ["TRIGGER", "GATE", "BASIS_A0", "STATUS"]),
            (chip: "qdot-sim-b", lines: ["BASIS_B0"]),
        ])
        #expect(table.starts == [0, 2, 4, 6, 8])
        #expect(table.writes.map { $0.described(in: program) } == [
            "0 #0 BASIS_A0↓", "0 #1 BASIS_B0↓",
            "0 #0 BASIS_A0↓", "0 #1 BASIS_B0↑",
            "0 #0 BASIS_A0↑", "0 #1 BASIS_B0↓",
            "0 #0 BASIS_A0↑", "0 #1 BASIS_B0↑",
        ])
    }

    @Test func threeByTwoCodesOnTwoLinesPerArm() throws {
        // A draws 0, 1 or 2 (bits A1 A0: 00, 01, 10), B draws 0 or 3 (B1 B0: 00, 11).
        let (table, program) = try Self.table(
            RandomBasisChoice(codesA: [0, 1, 2], codesB: [0, 3]),
            chips: [(chip: "qdot-sim", lines: ["TRIGGER", "GATE", "BASIS_A0", "BASIS_A1", "BASIS_B0", "BASIS_B1", "STATUS"])],
            basisA: ["BASIS_A0", "BASIS_A1"], basisB: ["BASIS_B0", "BASIS_B1"])
        #expect(table.starts == [0, 1, 2, 3, 4, 5, 6])
        #expect(table.choice(a: 1, b: 0) == 2 && table.choice(a: 1, b: 1) == 3 && table.choice(a: 2, b: 1) == 5)
        #expect(table.writes.map { $0.described(in: program) } == [
            "0 #0 BASIS_A0↓ BASIS_A1↓ BASIS_B0↓ BASIS_B1↓",   // (0, 0)
            "0 #0 BASIS_A0↓ BASIS_A1↓ BASIS_B0↑ BASIS_B1↑",   // (0, 3)
            "0 #0 BASIS_A0↑ BASIS_A1↓ BASIS_B0↓ BASIS_B1↓",   // (1, 0)
            "0 #0 BASIS_A0↑ BASIS_A1↓ BASIS_B0↑ BASIS_B1↑",   // (1, 3)
            "0 #0 BASIS_A0↓ BASIS_A1↑ BASIS_B0↓ BASIS_B1↓",   // (2, 0)
            "0 #0 BASIS_A0↓ BASIS_A1↑ BASIS_B0↑ BASIS_B1↑",   // (2, 3)
        ])
    }

    @Test func threeByTwoWithArmBSplitOverTwoChips() throws {
        // B1 on a second chip: every choice writes chip 0 (A0, A1, B0), then chip 1 (B1).
        let (table, program) = try Self.table(
            RandomBasisChoice(codesA: [0, 1, 2], codesB: [0, 3]),
            chips: [(chip: "qdot-sim-a", lines: ["TRIGGER", "GATE", "BASIS_A0", "BASIS_A1", "BASIS_B0", "STATUS"]),
                    (chip: "qdot-sim-b", lines: ["BASIS_B1"])],
            basisA: ["BASIS_A0", "BASIS_A1"], basisB: ["BASIS_B0", "BASIS_B1"])
        #expect(table.starts == [0, 2, 4, 6, 8, 10, 12])
        let choice = table.choice(a: 2, b: 1)
        #expect(table.writes[table.starts[choice]..<table.starts[choice + 1]].map { $0.described(in: program) } == [
            "0 #0 BASIS_A0↓ BASIS_A1↑ BASIS_B0↑", "0 #1 BASIS_B1↑",
        ])
    }
}
