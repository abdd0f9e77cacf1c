import Firmware
import HAL
import Simulator

/// A simulated station wired by line name, chip by chip, the way a board file wires one: each
/// chip's outputs are one request (as the station builders group them), inputs are one request
/// on their own chip. Roles are found by name: `TRIGGER`, `STATUS` (if present), the gate and
/// basis lines given; a name no role uses is a spare line in its chip's request.
///
/// Every output request is wrapped in a ``RecordingOutputLine``, so `writes` lists each write
/// the firmware made, and `waveform` is the trace as ``SimulatedStationFixture`` reads it.
struct WiredStationFixture {
    let board: SimulatedBoard
    let station: StandInStation
    let requests: [RecordingOutputLine]
    let lines: StationLines
    let controller: Controller
    private let log: RecordingOutputLine.Log

    /// - Parameters:
    ///   - outputChips: each chip's label and its output lines in request order.
    ///   - gates: the gate lines (one shared, or A+, A−, B+, B−).
    ///   - basisA, basisB: each arm's basis-select lines, bit 0 first.
    ///   - safeActive: lines whose safe level is active (every other output is safe inactive).
    init(outputChips: [(chip: String, lines: [String])], gates: [String], basisA: [String], basisB: [String],
         safeActive: Set<String> = [], profile: TimingProfile = .ideal,
         settings: StandInStation.Settings = .dark) throws {
        let board = SimulatedBoard(profile: profile, seed: 1)
        self.board = board
        let log = RecordingOutputLine.Log()
        self.log = log
        var ids: [String: LineID] = [:]
        for (chip, names) in outputChips {
            for name in names {
                ids[name] = board.addLine(SimulatedLineSpec(chip: chip, name: name, direction: .output))
            }
        }
        let inputIDs = SimulatedStationFixture.inputNames.map {
            board.addLine(SimulatedLineSpec(chip: "qdot-sim-in", name: $0, direction: .input))
        }
        station = StandInStation(
            board: board,
            wiring: StationWiring(trigger: ids["TRIGGER"]!, gates: gates.map { ids[$0]! },
                                  clicks: Array(inputIDs[0..<4]), interlock: inputIDs[4]),
            settings: settings)
        var requests: [RecordingOutputLine] = []
        for (chip, names) in outputChips {
            let request = try board.requestOutputs(names.map { ids[$0]! })
            requests.append(RecordingOutputLine(request, chip: chip, board: board, log: log))
        }
        self.requests = requests
        let inputs = try board.requestEdgeInputs(inputIDs)
        func output(_ name: String) -> OutputBinding {
            let chip = outputChips.firstIndex { $0.lines.contains(name) }!
            return OutputBinding(request: requests[chip], index: outputChips[chip].lines.firstIndex(of: name)!,
                                 safeValue: safeActive.contains(name) ? .active : .inactive)
        }
        let hasStatus = outputChips.contains { $0.lines.contains("STATUS") }
        lines = StationLines(
            trigger: output("TRIGGER"), gates: gates.map(output), basisA: basisA.map(output),
            basisB: basisB.map(output), status: hasStatus ? output("STATUS") : nil,
            clicks: (0..<4).map { InputBinding(request: inputs, index: $0) },
            interlock: InputBinding(request: inputs, index: 4), clock: board.makeClock())
        controller = try Controller(lines: lines)
    }

    /// Every write the firmware made, as "time chip: LINE↑ LINE↓ …" (the lines its mask selects).
    var writes: [String] { log.entries }

    /// The trace as "time line ↑/↓" strings, the way a waveform is read off a logic analyser.
    var waveform: [String] {
        let trace = board.trace
        return trace.records.map { "\($0.time.nanoseconds) \(trace.lines[$0.line.index].name) \($0.level == 1 ? "↑" : "↓")" }
    }
}
