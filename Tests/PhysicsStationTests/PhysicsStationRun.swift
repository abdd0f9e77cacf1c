import Vocabulary
import Boards
import Composition
import Firmware
import HAL
import Physics
import Simulator
import Testing

/// The real firmware (`Controller`) on the built-in simulated board with the physics station
/// built from `parameters`: one run, its report, and the devices for the truth behind the counts.
struct PhysicsStationRun {
    let report: RunReport
    let station: PhysicsStation
    let board: SimulatedBoard

    /// One schedule step: a label, the basis codes of arms A and B, and a cycle count.
    struct Step {
        var label: String
        var codeA: UInt8
        var codeB: UInt8
        var cycles: Int
    }

    init(_ parameters: StationParameters, steps: [Step], timing: CycleTiming = .standard, seed: UInt64 = 1,
         tracing: Bool = false, profile: TimingProfile? = nil, engine: SimulatedBoard.Engine = .eventDriven) throws {
        let definition = StationDefinition(name: "test", description: "", parameters: parameters,
                                           fileName: "test.station.toml", fieldLines: [:])
        let built = try SimulatedStationBuilder(definition: try BoardDefinition.simulatedStation, seed: seed,
                                                source: .physics(definition), profileOverride: profile,
                                                tracing: tracing, engine: engine)
        let controller = try Controller(lines: built.lines)
        controller.arm()
        let schedule = CycleSchedule(timing: timing, steps: steps.map {
            ScheduleStep(label: $0.label, codes: BasisCodes(armA: $0.codeA, armB: $0.codeB), cycles: $0.cycles)
        })
        report = try controller.run(schedule)
        station = try #require(built.devices.physics)
        board = built.board
    }

    /// The counts of the step labelled `label`.
    func tally(_ label: String) throws -> SettingCounts {
        try #require(report.settings.first { $0.label == label }).counts
    }
}
