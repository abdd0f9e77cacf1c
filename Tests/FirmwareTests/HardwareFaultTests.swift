import Vocabulary
import Firmware
import HAL
import Simulator
import Testing

/// A hardware error in the middle of a run — a line write or an edge read that fails, as a
/// board whose GPIO chip went away would — ends the run in `fault` with the error's own text,
/// drives the outputs safe and keeps what was counted.
@Suite struct HardwareFaultTests {
    static let twentyCycles = CycleSchedule(timing: .standard, steps: [
        ScheduleStep(label: "A0/B0", codes: BasisCodes(armA: 0, armB: 0), cycles: 10),
        ScheduleStep(label: "A1/B1", codes: BasisCodes(armA: 1, armB: 1), cycles: 10),
    ])

    /// The fixture's station with its outputs (or inputs) behind a request that fails one chosen
    /// call.
    struct FaultyStation {
        let fixture: SimulatedStationFixture
        let controller: Controller

        init(failingOutputWrite: Int? = nil, failingEdgeRead: Int? = nil) throws {
            var settings = StandInStation.Settings()
            settings.clickProbabilities = [0.5, 0.5, 0.5, 0.5]
            fixture = try SimulatedStationFixture(settings: settings)
            let outputs = FailingOutputLine(fixture.outputs, failingAtCall: failingOutputWrite ?? .max)
            let inputs = FailingEdgeInput(fixture.inputs, failingAtCall: failingEdgeRead ?? .max)
            controller = try Controller(lines: SimulatedStationFixture.lines(outputs: outputs, inputs: inputs,
                                                                             clock: fixture.board.makeClock()))
        }
    }

    @Test func aFailingWriteEndsTheRunInFaultWithOutputsSafe() throws {
        // Writes: 1 the arming's safe drive, 2 the status line; cycle 1 the basis lines, gate ↑,
        // trigger ↑, trigger ↓, gate ↓ (3–7); cycles 2–10 four each (8–43). Write 40 is the
        // first of cycle 10, so nine cycles ran.
        let station = try FaultyStation(failingOutputWrite: 40)
        station.controller.arm()
        let report = try station.controller.run(Self.twentyCycles)

        let expected = FailingOutputLine.error(call: 40)
        #expect(station.controller.state == .fault(reason: expected.description))
        #expect(report.stopReason == .hardwareFault(expected.description))
        #expect(!report.complete)
        #expect(report.cyclesRun == 9)
        #expect(report.settings[0].counts.triggerCycles == 9 && report.settings[1].counts.triggerCycles == 0)
        // The safe drive after the fault goes through (the request only failed once it was told to).
        for name in SimulatedStationFixture.outputNames {
            #expect(station.fixture.board.logicalValue(of: station.fixture.line(name)) == .inactive, "\(name) not safe")
        }
    }

    @Test func aFailingEdgeReadEndsTheRunInFaultAndKeepsTheCounts() throws {
        let station = try FaultyStation(failingEdgeRead: 12)
        station.controller.arm()
        let report = try station.controller.run(Self.twentyCycles)

        let expected = FailingEdgeInput.error(call: 12)
        #expect(station.controller.state == .fault(reason: expected.description))
        #expect(report.stopReason == .hardwareFault(expected.description))
        // Reads happen once per cycle, before its trigger: the twelfth read is in cycle 12.
        #expect(report.cyclesRun == 11)
        #expect(report.settings[0].counts.triggerCycles == 10 && report.settings[1].counts.triggerCycles == 1)
        #expect(report.total.totalSingles > 0)
        #expect(station.fixture.board.logicalValue(of: station.fixture.line("TRIGGER")) == .inactive)
    }
}

/// An output request that passes writes on to `base`, except call number `failingAtCall`, which
/// fails (later calls pass again, so the controller's safe drive goes through).
final class FailingOutputLine: OutputLine {
    let base: any OutputLine
    let failingCall: Int
    private(set) var calls = 0

    init(_ base: any OutputLine, failingAtCall call: Int) {
        self.base = base
        self.failingCall = call
    }

    static func error(call: Int) -> HardwareError {
        HardwareError(.ioFailure, operation: "set", line: "qdot-sim", errno: 19, detail: "write \(call): no such device")
    }

    var lineCount: Int { base.lineCount }
    var lineNames: [String] { base.lineNames }
    var driven: LineBits { base.driven }

    func set(_ values: LineBits, mask: LineBits) throws(HardwareError) {
        calls += 1
        if calls == failingCall { throw Self.error(call: calls) }
        try base.set(values, mask: mask)
    }
}

/// An edge-input request that passes reads on to `base`, except read number `failingAtCall`,
/// which fails.
final class FailingEdgeInput: EdgeInput {
    let base: any EdgeInput
    let failingCall: Int
    private(set) var reads = 0

    init(_ base: any EdgeInput, failingAtCall call: Int) {
        self.base = base
        self.failingCall = call
    }

    static func error(call: Int) -> HardwareError {
        HardwareError(.ioFailure, operation: "read edges", line: "qdot-sim", errno: 5, detail: "read \(call): input/output error")
    }

    var lineCount: Int { base.lineCount }
    var lineNames: [String] { base.lineNames }
    var lostEdgeCount: Int { base.lostEdgeCount }

    func readEdges(into buffer: UnsafeMutableBufferPointer<EdgeEvent>) throws(HardwareError) -> Int {
        reads += 1
        if reads == failingCall { throw Self.error(call: reads) }
        return try base.readEdges(into: buffer)
    }

    func value(ofLine index: Int) throws(HardwareError) -> LineValue { try base.value(ofLine: index) }
}
