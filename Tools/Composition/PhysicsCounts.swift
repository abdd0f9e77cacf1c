public import Simulator

/// What the physics station's devices counted in a run: the truth behind the firmware's clicks,
/// which a real station cannot see (which clicks were photons, dark counts or afterpulses).
public struct PhysicsCounts: Codable, Sendable, Hashable {
    /// Laser pulses that reached the dot.
    public var laserPulses: Int
    /// Photons delivered to detector inputs.
    public var photonsAtDetectors: Int
    /// Pulses that found an analyzer on a code its table lacks (0 in a sound run).
    public var pulsesWithAnalyzerUnset: Int
    /// Clicks per detector (A+, A−, B+, B−) caused by photons.
    public var photonClicks: [Int]
    /// Clicks per detector caused by dark counts.
    public var darkCountClicks: [Int]
    /// Clicks per detector caused by afterpulses.
    public var afterpulseClicks: [Int]

    /// The counts of `station`'s devices now.
    public init(_ station: PhysicsStation) {
        laserPulses = station.source.pulses
        photonsAtDetectors = station.source.photonsDelivered
        pulsesWithAnalyzerUnset = station.source.pulsesWithAnalyzerUnset
        photonClicks = station.detectors.map(\.photonClicks)
        darkCountClicks = station.detectors.map(\.darkCountClicks)
        afterpulseClicks = station.detectors.map(\.afterpulseClicks)
    }
}
