import Boards
import Composition
import Firmware
import Foundation
import HAL
import Simulator
import Testing
import TimingMeasurement

/// The measurement refuses to pulse a trigger that could fire the laser, stops when the interlock
/// closes, and says clearly what is wrong with the wiring; the trigger ends at its safe level.
@Suite struct LoopbackSafetyAndWiringTests {
    static func board(_ edit: (String) -> String = { $0 }) throws -> BoardDefinition {
        let shipped = try #require(try BoardDefinition.builtIn(named: "simulated-raspberry-pi-4"))
        let text = try String(contentsOfFile: Self.shippedPath, encoding: .utf8)
        return try BoardDefinition.parse(text: edit(text), fileName: shipped.fileName)
    }

    static var shippedPath: String {
        "/" + #filePath.split(separator: "/").dropLast(3).joined(separator: "/") + "/Board/simulated-raspberry-pi-4.board.toml"
    }

    /// Counts the trigger's changes on `simulated`'s board.
    static func triggerChanges(_ simulated: SimulatedLoopbackBench) throws -> () -> Int {
        let trigger = try #require(simulated.station.board.line(named: "TRIGGER"))
        var changes = 0
        simulated.station.board.watch(trigger) { _ in changes += 1 }
        return { changes }
    }

    @Test func aClosedInterlockRefusesTheMeasurementBeforeAnyPulse() throws {
        let simulated = try SimulatedLoopbackBench(definition: try Self.board(), seed: 1, interlockClosed: true)
        let changes = try Self.triggerChanges(simulated)
        let error = #expect(throws: LoopbackError.self) {
            try LoopbackMeasurement.run(on: simulated.bench, plan: LoopbackPlan(cycles: 100))
        }
        #expect(error == .interlockClosed(interlock: "qdot-sim/INTERLOCK"))
        #expect(error?.description.contains("Open the interlock, or disconnect the trigger from the laser driver and pass --laser-disconnected") == true)
        simulated.station.board.settle()
        #expect(changes() == 0)
    }

    @Test func theOperatorSayingTheLaserIsDisconnectedLetsItRunWithTheInterlockClosed() throws {
        let simulated = try SimulatedLoopbackBench(definition: try Self.board(), seed: 1, interlockClosed: true)
        let samples = try LoopbackMeasurement.run(on: simulated.bench, plan: LoopbackPlan(cycles: 10, laserDisconnected: true))
        #expect(samples.cycles == 10 && samples.writeToStampSpans.count == 20)
    }

    @Test func anInterlockClosingMidwayStopsTheMeasurementWithTheTriggerSafe() throws {
        let simulated = try SimulatedLoopbackBench(definition: try Self.board(), seed: 1)
        let interlock = simulated.station.devices.interlock
        simulated.station.board.schedule(at: Instant(nanoseconds: 120_500_000)) { board in
            interlock.close(atCycle: board.currentCycle, on: board)
        }
        let error = #expect(throws: LoopbackError.self) {
            try LoopbackMeasurement.run(on: simulated.bench, plan: LoopbackPlan(cycles: 1_000))
        }
        guard case let .interlockClosedDuringMeasurement(name, cycle) = error else {
            Issue.record("expected the interlock to stop it, got \(String(describing: error))")
            return
        }
        // 100 ms settling, then one cycle a millisecond: the interlock closes in cycle 19 or 20.
        #expect(name == "qdot-sim/INTERLOCK" && (18...21).contains(cycle), "cycle \(cycle)")
        simulated.station.board.settle()
        let trigger = try #require(simulated.station.board.line(named: "TRIGGER"))
        #expect(simulated.station.board.logicalValue(of: trigger) == .inactive)
    }

    @Test func aStopRequestEndsItWithTheTriggerSafe() throws {
        let simulated = try SimulatedLoopbackBench(definition: try Self.board(), seed: 1)
        let stop = StopSignal()
        stop.raise()
        let error = #expect(throws: LoopbackError.self) {
            try LoopbackMeasurement.run(on: simulated.bench, plan: LoopbackPlan(cycles: 10), stop: stop)
        }
        #expect(error == .stopped(cycle: 0))
    }

    /// A board file without a loopback line cannot be measured; the message says what to add.
    @Test func aBoardWithoutALoopbackLineIsRefused() throws {
        let error = #expect(throws: LoopbackBenchError.self) {
            try SimulatedLoopbackBench(definition: try BoardDefinition.simulatedStation, seed: 1)
        }
        #expect(error?.description.contains("has no loopback line") == true)
        #expect(error?.description.contains("[line.loopback]") == true)
    }

    /// The loopback input of the other polarity sees the trigger's rise as a fall: the message
    /// names both lines and the fix.
    @Test func aLoopbackOfTheOtherPolarityIsNamedAsSuch() throws {
        let board = try Self.board { $0.replacingOccurrences(of: "active-low = false                  # the same polarity as the trigger",
                                                             with: "active-low = true") }
        let simulated = try SimulatedLoopbackBench(definition: board, seed: 1)
        let error = #expect(throws: LoopbackError.self) {
            try LoopbackMeasurement.run(on: simulated.bench, plan: LoopbackPlan(cycles: 10))
        }
        #expect(error == .wrongEdge(loopback: "qdot-sim/LOOPBACK", trigger: "qdot-sim/TRIGGER", level: .active, seen: .falling))
        #expect(error?.description == "qdot-sim/LOOPBACK saw a falling edge when qdot-sim/TRIGGER went active: "
            + "give [line.loopback] the same active-low as [line.trigger]")
    }

    /// A spare input nobody wired: no edge ever comes, and the message asks about the wire.
    @Test func anUnwiredLoopbackLineTimesOutWithAQuestionAboutTheWire() throws {
        let board = SimulatedBoard(profile: try #require(try TimingProfile.builtIn("raspberry-pi-4")))
        let trigger = board.addLine(SimulatedLineSpec(chip: "qdot-sim", name: "TRIGGER", direction: .output))
        let loopback = board.addLine(SimulatedLineSpec(chip: "qdot-sim", name: "LOOPBACK", direction: .input))
        let interlock = board.addLine(SimulatedLineSpec(chip: "qdot-sim", name: "INTERLOCK", direction: .input))
        let bench = LoopbackBench(
            trigger: OutputBinding(request: try board.requestOutputs([trigger]), index: 0),
            loopback: InputBinding(request: try board.requestEdgeInputs([loopback]), index: 0),
            interlock: InputBinding(request: try board.requestEdgeInputs([interlock]), index: 0), clock: board.makeClock(),
            triggerName: "qdot-sim/TRIGGER", loopbackName: "qdot-sim/LOOPBACK", interlockName: "qdot-sim/INTERLOCK")
        let error = #expect(throws: LoopbackError.self) {
            try LoopbackMeasurement.run(on: bench, plan: LoopbackPlan(cycles: 10, edgeTimeout: .milliseconds(20)))
        }
        #expect(error?.description == "no edge on qdot-sim/LOOPBACK within 20 ms of driving qdot-sim/TRIGGER active: "
            + "is the trigger wired to it?")
        board.settle()
        #expect(board.logicalValue(of: trigger) == .inactive)
    }
}
