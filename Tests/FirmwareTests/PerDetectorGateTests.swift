import Vocabulary
import Firmware
import HAL
import Simulator
import Testing

/// A station with one gate per detector (A+, A−, B+, B−): the four gates open and close
/// together, one bulk write per chip that holds some of them.
@Suite struct PerDetectorGateTests {
    static let gates = ["GATE_A_PLUS", "GATE_A_MINUS", "GATE_B_PLUS", "GATE_B_MINUS"]
    static func twoCycles(_ codes: BasisCodes) -> CycleSchedule {
        CycleSchedule(timing: .standard, steps: [ScheduleStep(label: "\(codes)", codes: codes, cycles: 2)])
    }

    @Test func fourGatesOnOneChipOpenAndCloseInOneWrite() throws {
        let fixture = try WiredStationFixture(
            outputChips: [(chip: "qdot-sim", lines: ["TRIGGER"] + Self.gates + ["BASIS_A0", "BASIS_B0", "STATUS"])],
            gates: Self.gates, basisA: ["BASIS_A0"], basisB: ["BASIS_B0"])
        fixture.controller.arm()
        let report = try fixture.controller.run(Self.twoCycles(BasisCodes(armA: 1, armB: 0)))
        #expect(report.complete)
        // The standard cycle (gate 0–2000 ns, trigger 500–1500 ns after deadlines at 10 and
        // 20 µs), with the four gates where the one gate was, listed in request order.
        #expect(fixture.waveform == [
            "0 STATUS ↑",
            "10000 BASIS_A0 ↑",
            "10000 GATE_A_PLUS ↑", "10000 GATE_A_MINUS ↑", "10000 GATE_B_PLUS ↑", "10000 GATE_B_MINUS ↑",
            "10500 TRIGGER ↑", "11500 TRIGGER ↓",
            "12000 GATE_A_PLUS ↓", "12000 GATE_A_MINUS ↓", "12000 GATE_B_PLUS ↓", "12000 GATE_B_MINUS ↓",
            "20000 GATE_A_PLUS ↑", "20000 GATE_A_MINUS ↑", "20000 GATE_B_PLUS ↑", "20000 GATE_B_MINUS ↑",
            "20500 TRIGGER ↑", "21500 TRIGGER ↓",
            "22000 GATE_A_PLUS ↓", "22000 GATE_A_MINUS ↓", "22000 GATE_B_PLUS ↓", "22000 GATE_B_MINUS ↓",
            "30000 BASIS_A0 ↓", "30000 STATUS ↓",
        ])
        // Every write of the run: the four gates move in one write each time.
        #expect(fixture.writes == [
            "0 qdot-sim: TRIGGER↓ GATE_A_PLUS↓ GATE_A_MINUS↓ GATE_B_PLUS↓ GATE_B_MINUS↓ BASIS_A0↓ BASIS_B0↓ STATUS↓",
            "0 qdot-sim: STATUS↑",
            "10000 qdot-sim: BASIS_A0↑ BASIS_B0↓",
            "10000 qdot-sim: GATE_A_PLUS↑ GATE_A_MINUS↑ GATE_B_PLUS↑ GATE_B_MINUS↑",
            "10500 qdot-sim: TRIGGER↑", "11500 qdot-sim: TRIGGER↓",
            "12000 qdot-sim: GATE_A_PLUS↓ GATE_A_MINUS↓ GATE_B_PLUS↓ GATE_B_MINUS↓",
            "20000 qdot-sim: GATE_A_PLUS↑ GATE_A_MINUS↑ GATE_B_PLUS↑ GATE_B_MINUS↑",
            "20500 qdot-sim: TRIGGER↑", "21500 qdot-sim: TRIGGER↓",
            "22000 qdot-sim: GATE_A_PLUS↓ GATE_A_MINUS↓ GATE_B_PLUS↓ GATE_B_MINUS↓",
            "30000 qdot-sim: TRIGGER↓ GATE_A_PLUS↓ GATE_A_MINUS↓ GATE_B_PLUS↓ GATE_B_MINUS↓ BASIS_A0↓ BASIS_B0↓ STATUS↓",
        ])
    }

    @Test func gatesOnTwoChipsMoveInOneWritePerChipAtTheSameInstant() throws {
        // Arm A's side on one chip, arm B's on another: requests in the order the roles are
        // first met (trigger, gates, bases, status), so chip a is written before chip b.
        let fixture = try WiredStationFixture(
            outputChips: [(chip: "qdot-sim-a", lines: ["TRIGGER", "GATE_A_PLUS", "GATE_A_MINUS", "BASIS_A0", "STATUS"]),
                          (chip: "qdot-sim-b", lines: ["GATE_B_PLUS", "GATE_B_MINUS", "BASIS_B0"])],
            gates: Self.gates, basisA: ["BASIS_A0"], basisB: ["BASIS_B0"])
        fixture.controller.arm()
        let report = try fixture.controller.run(Self.twoCycles(BasisCodes(armA: 1, armB: 1)))
        #expect(report.complete)
        #expect(fixture.writes == [
            "0 qdot-sim-a: TRIGGER↓ GATE_A_PLUS↓ GATE_A_MINUS↓ BASIS_A0↓ STATUS↓",
            "0 qdot-sim-b: GATE_B_PLUS↓ GATE_B_MINUS↓ BASIS_B0↓",
            "0 qdot-sim-a: STATUS↑",
            "10000 qdot-sim-a: BASIS_A0↑", "10000 qdot-sim-b: BASIS_B0↑",
            "10000 qdot-sim-a: GATE_A_PLUS↑ GATE_A_MINUS↑", "10000 qdot-sim-b: GATE_B_PLUS↑ GATE_B_MINUS↑",
            "10500 qdot-sim-a: TRIGGER↑", "11500 qdot-sim-a: TRIGGER↓",
            "12000 qdot-sim-a: GATE_A_PLUS↓ GATE_A_MINUS↓", "12000 qdot-sim-b: GATE_B_PLUS↓ GATE_B_MINUS↓",
            "20000 qdot-sim-a: GATE_A_PLUS↑ GATE_A_MINUS↑", "20000 qdot-sim-b: GATE_B_PLUS↑ GATE_B_MINUS↑",
            "20500 qdot-sim-a: TRIGGER↑", "21500 qdot-sim-a: TRIGGER↓",
            "22000 qdot-sim-a: GATE_A_PLUS↓ GATE_A_MINUS↓", "22000 qdot-sim-b: GATE_B_PLUS↓ GATE_B_MINUS↓",
            "30000 qdot-sim-a: TRIGGER↓ GATE_A_PLUS↓ GATE_A_MINUS↓ BASIS_A0↓ STATUS↓",
            "30000 qdot-sim-b: GATE_B_PLUS↓ GATE_B_MINUS↓ BASIS_B0↓",
        ])
        // On the ideal profile both writes of an instant land at it.
        #expect(fixture.waveform == [
            "0 STATUS ↑",
            "10000 BASIS_A0 ↑", "10000 BASIS_B0 ↑",
            "10000 GATE_A_PLUS ↑", "10000 GATE_A_MINUS ↑", "10000 GATE_B_PLUS ↑", "10000 GATE_B_MINUS ↑",
            "10500 TRIGGER ↑", "11500 TRIGGER ↓",
            "12000 GATE_A_PLUS ↓", "12000 GATE_A_MINUS ↓", "12000 GATE_B_PLUS ↓", "12000 GATE_B_MINUS ↓",
            "20000 GATE_A_PLUS ↑", "20000 GATE_A_MINUS ↑", "20000 GATE_B_PLUS ↑", "20000 GATE_B_MINUS ↑",
            "20500 TRIGGER ↑", "21500 TRIGGER ↓",
            "22000 GATE_A_PLUS ↓", "22000 GATE_A_MINUS ↓", "22000 GATE_B_PLUS ↓", "22000 GATE_B_MINUS ↓",
            "30000 BASIS_A0 ↓", "30000 STATUS ↓", "30000 BASIS_B0 ↓",
        ])
    }

    @Test func photonsInsideTheGatesAreCountedAndOneAfterThemIsNot() throws {
        // A photon at every detector each pulse, 300 ns after the trigger (800 ns after the
        // deadline, inside the 0–2000 ns gates), except A−'s, 1.6 µs after the trigger
        // (2100 ns after the deadline): its gate closed 100 ns before.
        var settings = StandInStation.Settings.dark
        settings.clickProbabilities = [1, 1, 1, 1]
        settings.photonDelaysPicoseconds = [200_000, 1_500_000, 200_000, 200_000]
        let fixture = try WiredStationFixture(
            outputChips: [(chip: "qdot-sim", lines: ["TRIGGER"] + Self.gates + ["BASIS_A0", "BASIS_B0", "STATUS"])],
            gates: Self.gates, basisA: ["BASIS_A0"], basisB: ["BASIS_B0"], settings: settings)
        fixture.controller.arm()
        let report = try fixture.controller.run(Self.twoCycles(BasisCodes(armA: 0, armB: 0)))
        #expect(report.settings[0].counts.singles.values == [2, 0, 2, 2])
        #expect(fixture.station.detectors.map(\.photonsOutsideGate) == [0, 2, 0, 0])
    }
}
