public import Simulator

/// The device models a simulated station was built with.
public enum SimulatedStationDevices {
    /// The physics station.
    case physics(PhysicsStation)
    /// The stand-in station.
    case standIn(StandInStation)

    /// The interlock switch, whichever the station.
    public var interlock: InterlockSwitch {
        switch self {
        case .physics(let station): station.interlock
        case .standIn(let station): station.interlock
        }
    }

    /// The physics station, if that is what was built.
    public var physics: PhysicsStation? {
        if case .physics(let station) = self { return station }
        return nil
    }
}
