@testable import Firmware
import Vocabulary
import HAL
import Testing

/// The cycle's timed writes as CycleProgram lays them out: in time order; at equal offsets
/// gate opens, trigger rises, trigger falls, gate closes; writes to one request at one offset
/// merged; one basis write per request; the safe levels per request.
@Suite struct CycleProgramTests {
    static let oneChip = [(chip: "qdot-sim", lines: ["TRIGGER", "GATE", "BASIS_A0", "BASIS_B0", "STATUS"])]
    /// The trigger's chip is request #0 (its role comes first), the gate's #1.
    static let gateOnItsOwnChip = [(chip: "qdot-sim-t", lines: ["TRIGGER", "BASIS_A0", "BASIS_B0", "STATUS"]),
                                   (chip: "qdot-sim-g", lines: ["GATE"])]

    static func layOut(_ timing: CycleTiming, chips: [(chip: String, lines: [String])],
                       gates: [String] = ["GATE"]) throws -> [String] {
        let fixture = try WiredStationFixture(outputChips: chips, gates: gates, basisA: ["BASIS_A0"], basisB: ["BASIS_B0"])
        var program = CycleProgram(lines: fixture.lines)
        return program.layOut(timing, lines: fixture.lines).map { $0.described(in: program) }
    }

    /// The standard timing with the gate at `delay` after the trigger, `gateWidth` wide.
    static func timing(gateDelay delay: Int64, gateWidth: Int64 = 2_000) -> CycleTiming {
        var timing = CycleTiming.standard
        timing.gateDelay = .nanoseconds(delay)
        timing.gateWidth = .nanoseconds(gateWidth)
        return timing
    }

    @Test func standardCycleIsFourWritesInTimeOrder() throws {
        // Gate 500 ns before the trigger: the trigger leads by 500 ns, gate 0–2000, trigger 500–1500.
        #expect(try Self.layOut(.standard, chips: Self.oneChip) == [
            "0 #0 GATE↑", "500 #0 TRIGGER↑", "1500 #0 TRIGGER↓", "2000 #0 GATE↓",
        ])
    }

    /// At equal offsets on two chips the order shows: each case makes two edges coincide.
    @Test(arguments: [
        // Delay 0: gate and trigger rise together; the gate opens first.
        (Int64(0), Int64(2_000), ["0 #1 GATE↑", "0 #0 TRIGGER↑", "1000 #0 TRIGGER↓", "2000 #1 GATE↓"]),
        // Delay +1000 (the pulse width): the gate opens as the trigger falls; the gate first.
        (1_000, 2_000, ["0 #0 TRIGGER↑", "1000 #1 GATE↑", "1000 #0 TRIGGER↓", "3000 #1 GATE↓"]),
        // Delay −2000 with a 2000 ns gate: it closes as the trigger rises; the trigger first.
        (-2_000, 2_000, ["0 #1 GATE↑", "2000 #0 TRIGGER↑", "2000 #1 GATE↓", "3000 #0 TRIGGER↓"]),
        // Delay −1000 with a 2000 ns gate: it closes as the trigger falls; the trigger first.
        (-1_000, 2_000, ["0 #1 GATE↑", "1000 #0 TRIGGER↑", "2000 #0 TRIGGER↓", "2000 #1 GATE↓"]),
    ])
    func coincidingEdgesGoGateOpenTriggerRiseTriggerFallGateClose(delay: Int64, gateWidth: Int64, expected: [String]) throws {
        #expect(try Self.layOut(Self.timing(gateDelay: delay, gateWidth: gateWidth), chips: Self.gateOnItsOwnChip) == expected)
    }

    @Test func coincidingEdgesOnOneChipAreOneWrite() throws {
        // The same coincidences with trigger and gate on one request: one write each, carrying
        // both lines' levels (a rise and a fall together where they differ).
        #expect(try Self.layOut(Self.timing(gateDelay: 0), chips: Self.oneChip) == [
            "0 #0 TRIGGER↑ GATE↑", "1000 #0 TRIGGER↓", "2000 #0 GATE↓",
        ])
        #expect(try Self.layOut(Self.timing(gateDelay: 1_000), chips: Self.oneChip) == [
            "0 #0 TRIGGER↑", "1000 #0 TRIGGER↓ GATE↑", "3000 #0 GATE↓",
        ])
        #expect(try Self.layOut(Self.timing(gateDelay: -2_000), chips: Self.oneChip) == [
            "0 #0 GATE↑", "2000 #0 TRIGGER↑ GATE↓", "3000 #0 TRIGGER↓",
        ])
        #expect(try Self.layOut(Self.timing(gateDelay: -1_000), chips: Self.oneChip) == [
            "0 #0 GATE↑", "1000 #0 TRIGGER↑", "2000 #0 TRIGGER↓ GATE↓",
        ])
    }

    static let gates = ["GATE_A_PLUS", "GATE_A_MINUS", "GATE_B_PLUS", "GATE_B_MINUS"]

    @Test func fourGatesOnOneChipAreOneWritePerEdge() throws {
        let chips = [(chip: "qdot-sim", lines: ["TRIGGER"] + Self.gates + ["BASIS_A0", "BASIS_B0", "STATUS"])]
        #expect(try Self.layOut(.standard, chips: chips, gates: Self.gates) == [
            "0 #0 GATE_A_PLUS↑ GATE_A_MINUS↑ GATE_B_PLUS↑ GATE_B_MINUS↑",
            "500 #0 TRIGGER↑", "1500 #0 TRIGGER↓",
            "2000 #0 GATE_A_PLUS↓ GATE_A_MINUS↓ GATE_B_PLUS↓ GATE_B_MINUS↓",
        ])
    }

    /// Pins today's layout, which falls short of TimedWrite's promise ("writes on one request
    /// at one offset are merged into one"): layOut merges a write only into the one just
    /// before it, so gates alternating between two chips (A+, B+ on one; A−, B− on the other)
    /// take four writes per edge where two would do.
    @Test func gatesAlternatingBetweenTwoChipsTakeFourWritesPerEdge() throws {
        let chips = [(chip: "qdot-sim-a", lines: ["TRIGGER", "GATE_A_PLUS", "GATE_B_PLUS", "BASIS_A0", "BASIS_B0", "STATUS"]),
                     (chip: "qdot-sim-b", lines: ["GATE_A_MINUS", "GATE_B_MINUS"])]
        #expect(try Self.layOut(.standard, chips: chips, gates: Self.gates) == [
            "0 #0 GATE_A_PLUS↑", "0 #1 GATE_A_MINUS↑", "0 #0 GATE_B_PLUS↑", "0 #1 GATE_B_MINUS↑",
            "500 #0 TRIGGER↑", "1500 #0 TRIGGER↓",
            "2000 #0 GATE_A_PLUS↓", "2000 #1 GATE_A_MINUS↓", "2000 #0 GATE_B_PLUS↓", "2000 #1 GATE_B_MINUS↓",
        ])
    }

    @Test func basisCodesAreOneWritePerChip() throws {
        // Bit 0 of each arm on chip 0, bit 1 on chip 1: code A = 2 (A1 A0 = 10), B = 1 (01).
        let fixture = try WiredStationFixture(
            outputChips: [(chip: "qdot-sim-0", lines: ["TRIGGER", "GATE", "BASIS_A0", "BASIS_B0", "STATUS"]),
                          (chip: "qdot-sim-1", lines: ["BASIS_A1", "BASIS_B1"])],
            gates: ["GATE"], basisA: ["BASIS_A0", "BASIS_A1"], basisB: ["BASIS_B0", "BASIS_B1"])
        var program = CycleProgram(lines: fixture.lines)
        #expect(program.basisWrites(for: BasisCodes(armA: 2, armB: 1), lines: fixture.lines).map { $0.described(in: program) } == [
            "0 #0 BASIS_A0↓ BASIS_B0↑", "0 #1 BASIS_A1↑ BASIS_B1↓",
        ])
        #expect(program.basisWrites(for: BasisCodes(armA: 3, armB: 0), lines: fixture.lines).map { $0.described(in: program) } == [
            "0 #0 BASIS_A0↑ BASIS_B0↓", "0 #1 BASIS_A1↑ BASIS_B1↓",
        ])
    }

    @Test func safeLevelsArePerRequestAndCoverOnlyTheLinesTheStationUses() throws {
        // The trigger's chip is listed second but met first, so it is request #0. SPARE is in
        // chip a's request but plays no role: never in a safe mask, never written.
        let fixture = try WiredStationFixture(
            outputChips: [(chip: "qdot-sim-a", lines: ["BASIS_A0", "SPARE", "BASIS_B0"]),
                          (chip: "qdot-sim-b", lines: ["TRIGGER", "GATE", "STATUS"])],
            gates: ["GATE"], basisA: ["BASIS_A0"], basisB: ["BASIS_B0"], safeActive: ["GATE", "BASIS_B0"])
        let program = CycleProgram(lines: fixture.lines)
        #expect(program.requests.map { ($0 as? RecordingOutputLine)?.chip } == ["qdot-sim-b", "qdot-sim-a"])
        #expect(program.safeMask == [LineBits(rawValue: 0b111), LineBits(rawValue: 0b101)])
        #expect(program.safeValues == [LineBits(rawValue: 0b010), LineBits(rawValue: 0b100)])
        // Arming drives exactly those levels, one write per request.
        fixture.controller.arm()
        #expect(fixture.writes == ["0 qdot-sim-b: TRIGGER↓ GATE↑ STATUS↓", "0 qdot-sim-a: BASIS_A0↓ BASIS_B0↑"])
    }
}
