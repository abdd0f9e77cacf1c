public import Boards
import Firmware
public import HAL
public import LinuxHAL
import Simulator
public import TimingMeasurement

/// The loopback bench of a board on the simulated board: the station its board file describes,
/// with the loopback jumper (`LoopbackWire`) from the trigger to its `[line.loopback]`, and that
/// line requested for edges on its own.
///
/// The simulated lab is made safe the way the docs ask of a real one: the interlock loop is open
/// (unless `interlockClosed`, to see the measurement refuse). The stand-in source hangs off the
/// lines with its detectors gated; the measurement never opens a gate, so no click line moves.
public struct SimulatedLoopbackBench {
    /// The simulated station.
    public let station: SimulatedStationBuilder
    /// The lines the measurement works through.
    public let bench: LoopbackBench

    /// Builds the bench for `definition` (a simulated board with a `[line.loopback]`).
    /// - Throws: `noLoopbackLine` when the board file has none; `station` when it is not a
    ///   simulated board or its lines cannot be requested.
    public init(definition: BoardDefinition, seed: UInt64, profileOverride: TimingProfile? = nil,
                interlockClosed: Bool = false) throws(LoopbackBenchError) {
        guard let loopback = definition.loopbackLine else { throw .noLoopbackLine(board: definition.name, file: definition.fileName) }
        let station: SimulatedStationBuilder
        do {
            station = try SimulatedStationBuilder(definition: definition, seed: seed, source: .standIn(StandInStation.Settings()),
                                                  profileOverride: profileOverride, tracing: false)
        } catch {
            throw .station(error)
        }
        station.board.setInitialValue(station.devices.interlock.line, to: interlockClosed ? 1 : 0)
        let request: SimulatedEdgeInput
        do {
            // The builder adds the loopback line whenever the board file has one.
            request = try station.board.requestEdgeInputs([station.loopbackLine!], edges: [.both])
        } catch {
            throw .station(.hardware(error))
        }
        self.station = station
        bench = LoopbackBench.of(definition, lines: station.lines, loopback: InputBinding(request: request, index: 0),
                                 loopbackLine: loopback)
    }
}

/// The loopback bench of a lab board on libgpiod: the station's lines requested as `qdot run`
/// requests them (so the trigger is written through the same request), and the loopback line
/// requested on its own for both edges (the trigger's rise and fall are both timed), stamped on the
/// clock the board's click lines are stamped with — the stamps it times are the clicks' stamps
/// (the kernel stamps at interrupt entry, before it reads a both-edge line's level).
///
/// Releasing it drives every output to its safe level and releases the lines.
public struct LinuxLoopbackBench<Driver: GPIODriver> {
    /// The station's requests.
    public let station: LinuxStationBuilder<Driver>
    /// The loopback line's own edge request.
    public let loopbackRequest: LinuxEdgeInput
    /// The lines the measurement works through.
    public let bench: LoopbackBench

    /// Requests the lines of `definition` (a linux board with a `[line.loopback]`) through `driver`.
    /// - Throws: `noLoopbackLine` when the board file has none; `station` with the backend's error
    ///   (no such chip or line, line busy, permission denied, an event clock it cannot give).
    public init(definition: BoardDefinition, busyWaitTail: TimeSpan = .zero, driver: Driver) throws(LoopbackBenchError) {
        guard let loopback = definition.loopbackLine else { throw .noLoopbackLine(board: definition.name, file: definition.fileName) }
        let eventClock = HardwareRun.eventClock(for: definition.clicks.timestamps)
        let station: LinuxStationBuilder<Driver>
        do {
            station = try LinuxStationBuilder(definition: definition, busyWaitTail: busyWaitTail, clickEventClock: eventClock,
                                              driver: driver)
        } catch {
            throw .station(error)
        }
        do {
            loopbackRequest = try station.gpio.requestEdgeInputs(
                chipLabel: loopback.chipLabel,
                lines: [EdgeInputLineSpec(name: loopback.lineName, activeLow: loopback.isActiveLow,
                                          bias: loopback.bias ?? .asIs, edges: .both, eventClock: eventClock)])
        } catch {
            throw .station(.hardware(error))
        }
        self.station = station
        bench = LoopbackBench.of(definition, lines: station.lines, loopback: InputBinding(request: loopbackRequest, index: 0),
                                 loopbackLine: loopback)
    }
}

extension LoopbackBench {
    /// The bench from a station's lines and the loopback line's binding, named as the board file names them.
    static func of(_ definition: BoardDefinition, lines: StationLines, loopback: InputBinding,
                   loopbackLine: LineAssignment) -> LoopbackBench {
        LoopbackBench(trigger: lines.trigger, loopback: loopback, interlock: lines.interlock, clock: lines.clock,
                      triggerName: definition[.trigger]?.qualifiedName ?? "trigger",
                      loopbackName: loopbackLine.qualifiedName,
                      interlockName: definition[.interlock]?.qualifiedName ?? "interlock")
    }
}

/// Why a loopback bench could not be built.
public enum LoopbackBenchError: Error, CustomStringConvertible {
    /// The board file has no `[line.loopback]`.
    case noLoopbackLine(board: String, file: String)
    /// The station could not be built or its lines requested.
    case station(StationBuildError)

    public var description: String {
        switch self {
        case let .noLoopbackLine(board, file):
            return "board \"\(board)\" (\(file)) has no loopback line: wire the trigger to a spare input with a jumper "
                + "and name that input in a [line.loopback] section (Board/README.md, \"Loopback wiring\")"
        case let .station(error):
            return error.description
        }
    }
}
