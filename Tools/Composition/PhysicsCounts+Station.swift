public import Records
public import Simulator

extension PhysicsCounts {
    /// The counts of `station`'s devices now.
    public init(_ station: PhysicsStation) {
        self.init(laserPulses: station.laser.pulsesFired, photonsAtDetectors: station.source.photonsDelivered,
                  pulsesWithAnalyzerUnset: station.source.pulsesWithAnalyzerUnset,
                  photonClicks: station.detectors.map(\.photonClicks), darkCountClicks: station.detectors.map(\.darkCountClicks),
                  afterpulseClicks: station.detectors.map(\.afterpulseClicks))
    }
}
