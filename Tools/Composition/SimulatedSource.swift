public import Boards
public import Simulator

/// What hangs off the simulated board's lines: the physics model from station data, or the
/// foundation's stand-in source (fixed click probabilities, for waveform tests).
public enum SimulatedSource: Sendable {
    /// The physics station (laser, dot, analyzers, detectors) from a station file.
    case physics(StationDefinition)
    /// The stand-in source and its ideal detectors.
    case standIn(StandInStation.Settings)

    /// The physics station of the shipped `simulated.station.toml`.
    public static var builtInPhysics: SimulatedSource {
        get throws { .physics(try StationDefinition.simulatedStation) }
    }

    /// "physics" or "stand-in", as `qdot sim --source` names it.
    public var name: String {
        switch self {
        case .physics: "physics"
        case .standIn: "stand-in"
        }
    }
}
