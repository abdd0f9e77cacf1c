@testable import Firmware
import HAL
import Testing

/// The table of basis writes a random-basis step draws from: choice `a · (B's code count) + b`
/// writes, from lines another step set, one write per request its lines are on; from another
/// choice, only the lines that change.
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

    /// Every choice's whole writes, one after another.
    static func allWrites(_ table: BasisChoiceTable, _ program: CycleProgram) -> [String] {
        (0..<table.choiceCount).flatMap { table.writes(ofChoice: $0).map { $0.described(in: program) } }
    }

    static let oneChip = [(chip: "qdot-sim", lines: ["TRIGGER", "GATE", "BASIS_A0", "BASIS_B0", "STATUS"])]

    @Test func twoByTwoOnOneChipIsOneWritePerChoice() throws {
        let (table, program) = try Self.table(RandomBasisChoice(codesA: [0, 1], codesB: [0, 1]), chips: Self.oneChip)
        #expect(table.codesA == [0, 1] && table.codesB == [0, 1])
        #expect((0..<4).map { table.writes(ofChoice: $0).count } == [1, 1, 1, 1])
        // Choice c = 2a + b: (0,0) (0,1) (1,0) (1,1).
        #expect(table.choice(a: 0, b: 1) == 1 && table.choice(a: 1, b: 0) == 2 && table.choice(a: 1, b: 1) == 3)
        #expect(Self.allWrites(table, program) == [
            "0 #0 BASIS_A0↓ BASIS_B0↓", "0 #0 BASIS_A0↓ BASIS_B0↑", "0 #0 BASIS_A0↑ BASIS_B0↓", "0 #0 BASIS_A0↑ BASIS_B0↑",
        ])
    }

    @Test func twoByTwoWithTheArmsOnTwoChipsIsTwoWritesPerChoice() throws {
        let (table, program) = try Self.table(RandomBasisChoice(codesA: [0, 1], codesB: [0, 1]), chips: [
            (chip: "qdot-sim-a", lines: ["TRIGGER", "GATE", "BASIS_A0", "STATUS"]),
            (chip: "qdot-sim-b", lines: ["BASIS_B0"]),
        ])
        #expect((0..<4).map { table.writes(ofChoice: $0).count } == [2, 2, 2, 2])
        #expect(Self.allWrites(table, program) == [
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
        #expect(table.choiceCount == 6 && (0..<6).map { table.writes(ofChoice: $0).count } == [1, 1, 1, 1, 1, 1])
        #expect(table.choice(a: 1, b: 0) == 2 && table.choice(a: 1, b: 1) == 3 && table.choice(a: 2, b: 1) == 5)
        #expect(Self.allWrites(table, program) == [
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
        #expect((0..<6).map { table.writes(ofChoice: $0).count } == [2, 2, 2, 2, 2, 2])
        #expect(table.writes(ofChoice: table.choice(a: 2, b: 1)).map { $0.described(in: program) } == [
            "0 #0 BASIS_A0↓ BASIS_A1↑ BASIS_B0↑", "0 #1 BASIS_B1↑",
        ])
    }

    /// The writes from one choice to another change only the lines whose level differs; a
    /// request with no such line is not written; from −1 (lines set by another step) every line is.
    @Test func transitionsWriteOnlyTheLinesThatChange() throws {
        let (table, program) = try Self.table(RandomBasisChoice(codesA: [0, 1], codesB: [0, 1]), chips: [
            (chip: "qdot-sim-a", lines: ["TRIGGER", "GATE", "BASIS_A0", "STATUS"]),
            (chip: "qdot-sim-b", lines: ["BASIS_B0"]),
        ])
        func writes(from: Int, to: Int) -> [String] {
            table.writes(ofTransition: table.transition(from: from, to: to)).map { $0.described(in: program) }
        }
        #expect(table.choiceCount == 4 && table.changeStarts.count == 5 * 4 + 1)
        #expect(writes(from: -1, to: 1) == ["0 #0 BASIS_A0↓", "0 #1 BASIS_B0↑"])
        #expect(writes(from: 0, to: 1) == ["0 #1 BASIS_B0↑"])     // (0,0) → (0,1): arm B only
        #expect(writes(from: 1, to: 2) == ["0 #0 BASIS_A0↑", "0 #1 BASIS_B0↓"])
        #expect(writes(from: 3, to: 1) == ["0 #0 BASIS_A0↓"])
        #expect(writes(from: 2, to: 2).isEmpty)
    }
}
