import Firmware
import HAL
import Simulator

/// A simulated station wired by hand, as a lab board file would wire it: every line on one chip,
/// outputs in one request, inputs in another.
struct SimulatedStationFixture {
    let board: SimulatedBoard
    let station: StandInStation
    let controller: Controller
    let outputs: SimulatedOutputLine
    let inputs: SimulatedEdgeInput

    static let outputNames = ["TRIGGER", "GATE", "BASIS_A0", "BASIS_B0", "STATUS"]
    static let inputNames = ["CLICK_A_PLUS", "CLICK_A_MINUS", "CLICK_B_PLUS", "CLICK_B_MINUS", "INTERLOCK"]

    init(profile: TimingProfile = .ideal, seed: UInt64 = 1, settings: StandInStation.Settings = .init(),
         engine: SimulatedBoard.Engine = .eventDriven) throws {
        let board = SimulatedBoard(profile: profile, seed: seed, engine: engine)
        self.board = board
        let outIDs = Self.outputNames.map { board.addLine(SimulatedLineSpec(chip: "qdot-sim", name: $0, direction: .output)) }
        let inIDs = Self.inputNames.map { board.addLine(SimulatedLineSpec(chip: "qdot-sim", name: $0, direction: .input)) }
        station = StandInStation(board: board, wiring: StationWiring(trigger: outIDs[0], gates: [outIDs[1]],
                                                                     clicks: Array(inIDs[0..<4]), interlock: inIDs[4]),
                                 settings: settings)
        let outputs = try board.requestOutputs(outIDs)
        let inputs = try board.requestEdgeInputs(inIDs)
        self.outputs = outputs
        self.inputs = inputs
        controller = try Controller(lines: Self.lines(outputs: outputs, inputs: inputs, clock: board.makeClock()))
    }

    /// The station's roles bound to `outputs` (in `outputNames` order) and `inputs` (in
    /// `inputNames` order): the fixture's own requests, or requests wrapped around them.
    static func lines(outputs: any OutputLine, inputs: any EdgeInput, clock: any HardwareClock) -> StationLines {
        StationLines(
            trigger: OutputBinding(request: outputs, index: 0),
            gates: [OutputBinding(request: outputs, index: 1)],
            basisA: [OutputBinding(request: outputs, index: 2)],
            basisB: [OutputBinding(request: outputs, index: 3)],
            status: OutputBinding(request: outputs, index: 4),
            clicks: (0..<4).map { InputBinding(request: inputs, index: $0) },
            interlock: InputBinding(request: inputs, index: 4),
            clock: clock)
    }

    /// The trace as "time line ↑/↓" strings, the way a waveform is read off a logic analyser.
    var waveform: [String] {
        let trace = board.trace
        return trace.records.map { "\($0.time.nanoseconds) \(trace.lines[$0.line.index].name) \($0.level == 1 ? "↑" : "↓")" }
    }

    func line(_ name: String) -> LineID { board.line(named: name)! }
}

extension StandInStation.Settings {
    /// No photons at all.
    static var dark: Self {
        var settings = Self()
        settings.clickProbabilities = [0, 0, 0, 0]
        return settings
    }
}
