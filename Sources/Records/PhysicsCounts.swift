/// What the physics station's devices counted in a run: the truth behind the firmware's clicks,
/// which a real station cannot see (which clicks were photons, dark counts or afterpulses).
///
/// Stored as it is, the result's `physics` object (format v1): the keys are `CodingKeys`.
public struct PhysicsCounts: Codable, Sendable, Hashable {
    enum CodingKeys: String, CodingKey {
        case laserPulses, photonsAtDetectors, pulsesWithAnalyzerUnset, photonClicks, darkCountClicks, afterpulseClicks
    }

    /// Laser pulses fired at the dot, counted at their trigger edges.
    public var laserPulses: Int
    /// Photons delivered to detector inputs.
    public var photonsAtDetectors: Int
    /// Pulses that sent a photon into an arm and found an analyzer on a code its table lacks (0 in a
    /// sound run; a pulse that sends no photon into an arm never meets the analyzers: physics
    /// stream 2, docs/physics-stream.md).
    public var pulsesWithAnalyzerUnset: Int
    /// Clicks per detector (A+, A−, B+, B−) caused by photons.
    public var photonClicks: [Int]
    /// Clicks per detector caused by dark counts.
    public var darkCountClicks: [Int]
    /// Clicks per detector caused by afterpulses.
    public var afterpulseClicks: [Int]

    /// Counts from their parts.
    public init(laserPulses: Int, photonsAtDetectors: Int, pulsesWithAnalyzerUnset: Int, photonClicks: [Int],
                darkCountClicks: [Int], afterpulseClicks: [Int]) {
        self.laserPulses = laserPulses
        self.photonsAtDetectors = photonsAtDetectors
        self.pulsesWithAnalyzerUnset = pulsesWithAnalyzerUnset
        self.photonClicks = photonClicks
        self.darkCountClicks = darkCountClicks
        self.afterpulseClicks = afterpulseClicks
    }
}
