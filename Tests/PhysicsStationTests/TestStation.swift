import Boards
import Physics

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
