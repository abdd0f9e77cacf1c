import Boards
import Composition
import Firmware
import HAL
import Physics
import Simulator

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
         tracing: Bool = false) throws {
        let definition = StationDefinition(name: "test", description: "", parameters: parameters,
                                           fileName: "test.station.toml", fieldLines: [:])
        let built = try SimulatedStationBuilder(definition: try BoardDefinition.simulatedStation, seed: seed,
                                                source: .physics(definition), tracing: tracing)
        let controller = try Controller(lines: built.lines)
        controller.arm()
        let schedule = CycleSchedule(timing: timing, steps: steps.map {
            ScheduleStep(label: $0.label, codes: BasisCodes(armA: $0.codeA, armB: $0.codeB), cycles: $0.cycles)
        })
        report = try controller.run(schedule)
        station = try #require(built.devices.physics)
        board = built.board
    }

    /// The tally of the step labelled `label`.
    func tally(_ label: String) throws -> SettingTally {
        try #require(report.settings.first { $0.label == label })
    }
}

/// Station data for the tests on the board.
enum TestStation {
    /// The shipped station's data (gated SNSPDs, the standard basis table on three lines).
    static var shipped: StationParameters {
        get throws { try StationDefinition.simulatedStation.parameters }
    }

    /// A perfect station: every pulse makes one pair, no loss, noiseless detectors without jitter
    /// or afterpulses, no re-excitation; only the state's physics is left.
    static func ideal(_ edit: (inout StationParameters) -> Void = { _ in }) throws -> StationParameters {
        var parameters = try shipped
        parameters.source.excitationProbability = 1
        parameters.source.reexcitationProbability = 0
        parameters.armA.efficiency = 1
        parameters.armB.efficiency = 1
        parameters.laser.timingJitterRMSPicoseconds = 0
        for index in parameters.detectors.indices {
            parameters.detectors[index].efficiency = 1
            parameters.detectors[index].darkCountRatePerSecond = 0
            parameters.detectors[index].jitterRMSPicoseconds = 0
            parameters.detectors[index].afterpulseProbability = 0
        }
        edit(&parameters)
        return parameters
    }

    /// Basis codes of the shipped table.
    static let horizontalVertical: UInt8 = 0, diagonalAntidiagonal: UInt8 = 1, rightLeft: UInt8 = 2
}

import Testing

extension SettingTally {
    /// E = (N++ + N−− − N+− − N−+)/N over the firmware's coincidences of this setting.
    var correlation: Double {
        let c = coincidences
        return Double(c[0] + c[3] - c[1] - c[2]) / Double(totalCoincidences)
    }

    /// Standard error of E: each coincidence an independent ±1 outcome, SE = √((1 − E²)/N)
    /// (binomial error of a mean of ±1 values).
    var correlationStandardError: Double {
        ((1 - correlation * correlation) / Double(totalCoincidences)).squareRoot()
    }
}
