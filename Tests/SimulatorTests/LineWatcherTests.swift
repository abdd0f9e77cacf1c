import HAL
@testable import Simulator
import Testing

/// The order in which devices were told of line changes, shared by the devices of one test.
private final class ChangeLog {
    var entries: [String] = []
}

/// A device that notes every line change it is told of, by its name, the line and the value.
private final class NotingDevice: SimulatedDevice {
    let name: String
    let log: ChangeLog

    init(_ name: String, log: ChangeLog) {
        self.name = name
        self.log = log
    }

    func lineChanged(_ line: LineID, to value: UInt8, atCycle cycle: Int64, on board: SimulatedBoard) {
        log.entries.append("\(name) \(line.index)=\(value)")
    }
}

/// How a firmware write reaches the devices watching its lines (``LineWatchers``): a line edge
/// that one device watches calls it directly, one that several watch calls them in the order they
/// were attached, and each device only for the edges it asked for, with either engine.
@Suite struct LineWatcherTests {
    @Test(arguments: [SimulatedBoard.Engine.eventDriven, .stepEveryCycle])
    func watchersAreCalledInAttachmentOrderForTheirEdgesOnly(engine: SimulatedBoard.Engine) throws {
        let board = SimulatedBoard(engine: engine)
        let first = board.addLine(SimulatedLineSpec(chip: "qdot-sim", name: "FIRST", direction: .output))
        let second = board.addLine(SimulatedLineSpec(chip: "qdot-sim", name: "SECOND", direction: .output))
        let log = ChangeLog()
        board.attach(NotingDevice("both", log: log), watching: [first])
        board.attach(NotingDevice("rising", log: log), watching: [first], edges: .rising)
        let outputs = try board.requestOutputs([first, second])
        // Attached after the request: the write still finds it.
        board.attach(NotingDevice("falling", log: log), watching: [first, second], edges: .falling)

        try outputs.set(LineBits(rawValue: 0b11), mask: LineBits(rawValue: 0b11))
        board.settle()
        #expect(log.entries == ["both 0=1", "rising 0=1"])   // line 1's rising edge: nobody watches it

        log.entries = []
        try outputs.set(LineBits(rawValue: 0b00), mask: LineBits(rawValue: 0b11))
        board.settle()
        #expect(log.entries == ["both 0=0", "falling 0=0", "falling 1=0"])

        log.entries = []
        try outputs.set(LineBits(rawValue: 0b00), mask: LineBits(rawValue: 0b11))   // changes nothing
        try outputs.set(line: 1, to: .active)
        board.settle()
        #expect(log.entries == [])
        #expect(board.value(of: second) == 1)
    }
}
