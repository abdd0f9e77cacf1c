public import Boards
public import Firmware
public import HAL
public import Physics
public import Simulator

/// Builds a simulated station from a board definition: one simulated line per line of the board
/// file (same chip labels and names), the device models hanging off them, and the firmware's
/// `StationLines` requested through the simulated HAL exactly as on a lab board.
public struct SimulatedStationBuilder {
    /// The simulated board.
    public let board: SimulatedBoard
    /// The device models on the board's lines.
    public let devices: SimulatedStationDevices
    /// The firmware's view of the lines.
    public let lines: StationLines
    /// The spare input wired to the trigger (the board file's `[line.loopback]`), if it has one:
    /// not requested, ready for `qdot profile --loopback` to request.
    public let loopbackLine: LineID?

    /// Builds the station with the foundation's stand-in source (`settings`).
    public init(definition: BoardDefinition, seed: UInt64, settings: StandInStation.Settings,
                profileOverride: TimingProfile? = nil, tracing: Bool = true,
                engine: SimulatedBoard.Engine = .eventDriven) throws(StationBuildError) {
        try self.init(definition: definition, seed: seed, source: .standIn(settings), profileOverride: profileOverride,
                      tracing: tracing, engine: engine)
    }

    /// Builds the station.
    ///
    /// - Parameters:
    ///   - definition: the board file's contents (its backend must be `simulated`).
    ///   - seed: fixes every random draw of the run.
    ///   - source: the physics station from station data (the normal case), or the stand-in.
    ///   - profileOverride: a timing profile to use instead of the board file's.
    ///   - tracing: record every line change (for VCD export).
    public init(definition: BoardDefinition, seed: UInt64, source: SimulatedSource,
                profileOverride: TimingProfile? = nil, tracing: Bool = true,
                engine: SimulatedBoard.Engine = .eventDriven) throws(StationBuildError) {
        guard definition.backend == .simulated else {
            throw .wrongBackend(board: definition.name, backend: definition.backend.rawValue, expected: .simulated)
        }
        let profile = Self.timingProfile(of: definition, override: profileOverride)
        let board = SimulatedBoard(profile: profile, seed: seed, tracing: tracing, engine: engine)
        var ids: [LineRole: LineID] = [:]
        for assignment in definition.outputLines + definition.inputLines {
            ids[assignment.role] = board.addLine(SimulatedLineSpec(
                chip: assignment.chipLabel, name: assignment.lineName,
                direction: assignment.role.isOutput ? .output : .input, activeLow: assignment.isActiveLow))
        }
        func id(_ role: LineRole) -> LineID { ids[role]! }   // the loader guarantees required roles
        let clickRoles: [LineRole] = [.clickAPlus, .clickAMinus, .clickBPlus, .clickBMinus]
        let wiring = StationWiring(trigger: id(.trigger), gates: definition.gateLines.map { id($0.role) },
                                   clicks: clickRoles.map(id), interlock: id(.interlock))
        // A pulse stretcher on the board drives every click line for at least its time.
        let stretch = definition.clicks.pulseStretch
        switch source {
        case .standIn(var settings):
            settings.clickPulseWidthNanoseconds = max(settings.clickPulseWidthNanoseconds, stretch.nanoseconds)
            devices = .standIn(StandInStation(board: board, wiring: wiring, settings: settings))
        case .physics(let station):
            var parameters = station.parameters
            for index in parameters.detectors.indices {
                parameters.detectors[index].clickPulseWidthPicoseconds =
                    max(parameters.detectors[index].clickPulseWidthPicoseconds, stretch.nanoseconds * 1_000)
            }
            do {
                devices = .physics(try PhysicsStation(
                    board: board, wiring: wiring,
                    basisLinesA: definition.basisLines(of: .a).map { id($0.role) },
                    basisLinesB: definition.basisLines(of: .b).map { id($0.role) },
                    parameters: parameters))
            } catch {
                throw .stationData(error.problems.map(station.located))
            }
        }
        // A loopback jumper, where the board file has one: the spare input follows the trigger.
        // Added last, so a board without one is built exactly as before.
        loopbackLine = definition.loopbackLine.map { assignment in
            let line = board.addLine(SimulatedLineSpec(chip: assignment.chipLabel, name: assignment.lineName,
                                                       direction: .input, activeLow: assignment.isActiveLow))
            _ = LoopbackWire(from: wiring.trigger, to: line, on: board)   // the board keeps it
            return line
        }
        self.board = board
        do {
            lines = try Self.requestLines(definition: definition, ids: ids, board: board)
        } catch {
            throw .hardware(error)
        }
    }

    /// The timing profile a simulated run of `definition` pays: `override` (`qdot sim --profile`),
    /// else the board file's, else ideal.
    public static func timingProfile(of definition: BoardDefinition, override: TimingProfile?) -> TimingProfile {
        override ?? definition.timingProfile ?? .ideal
    }

    /// Requests outputs and inputs chip by chip (lines of one chip that change together are one
    /// request), and binds each role to its request and index.
    static func requestLines(definition: BoardDefinition, ids: [LineRole: LineID],
                             board: SimulatedBoard) throws(HardwareError) -> StationLines {
        var outputBindings: [LineRole: OutputBinding] = [:]
        var inputBindings: [LineRole: InputBinding] = [:]
        for (_, assignments) in LineGrouping.byChip(definition.outputLines) {
            let request = try board.requestOutputs(assignments.map { ids[$0.role]! })
            for (index, assignment) in assignments.enumerated() {
                outputBindings[assignment.role] = OutputBinding(request: request, index: index,
                                                                safeValue: assignment.safeLevel ?? .inactive)
            }
        }
        for (_, assignments) in LineGrouping.byChip(definition.inputLines) {
            let request = try board.requestEdgeInputs(assignments.map { ids[$0.role]! },
                                                      edges: assignments.map { LineGrouping.edges(of: $0.role) })
            for (index, assignment) in assignments.enumerated() {
                inputBindings[assignment.role] = InputBinding(request: request, index: index)
            }
        }
        var lines = LineGrouping.stationLines(definition: definition, outputs: outputBindings, inputs: inputBindings,
                                              clock: board.makeClock())
        lines.compileLoop(for: simulatedLineTypes)
        return lines
    }

    /// The simulated board's request and clock types: the cycle loop is compiled for them.
    public static let simulatedLineTypes = StationLineTypes<SimulatedOutputLine, SimulatedEdgeInput, SimulatedClock>()

    /// Wires an external time tagger to the physics station: sync on the trigger line, inputs on
    /// the detectors' outputs. It draws nothing: the run is the same with it or without it.
    ///
    /// - Throws: `.stationData` for the stand-in source, which has no detectors to wire.
    public func attach(_ tagger: SimulatedTimeTagger, definition: BoardDefinition) throws(StationBuildError) {
        guard case let .physics(station) = devices else {
            throw .stationData([ParameterProblem(field: "source", found: "the stand-in source",
                                                 expected: "the physics station: a time tagger needs its detectors")])
        }
        guard let trigger = definition.outputLines.first(where: { $0.role == .trigger }),
              let line = board.line(chip: trigger.chipLabel, name: trigger.lineName) else { return }
        station.attach(tagger, trigger: line, on: board)
    }

    /// Fault injection: the interlock loop opens at `instant` (board time).
    public func openInterlock(at instant: Instant) {
        let interlock = devices.interlock
        board.schedule(at: instant) { board in interlock.open(atCycle: board.currentCycle, on: board) }
    }
}

/// Why a station could not be built.
public enum StationBuildError: Error, CustomStringConvertible {
    /// The board file is for another backend than the command's (`expected`).
    case wrongBackend(board: String, backend: String, expected: BoardBackend)
    /// Requesting the lines failed.
    case hardware(HardwareError)
    /// The station data does not fit the board (or breaks a physics rule): each problem with its
    /// station file, line and field.
    case stationData([ParameterProblem])

    public var description: String {
        switch self {
        case let .wrongBackend(board, backend, expected):
            let command = expected == .simulated ? "qdot sim" : "qdot run"
            return "board \"\(board)\" is a \(backend) board; \(command) needs backend = \"\(expected.rawValue)\""
        case let .hardware(error):
            return error.description
        case let .stationData(problems):
            return "the station data does not fit this board:\n" + problems.map { "  \($0)" }.joined(separator: "\n")
        }
    }
}
