public import Vocabulary
/// A photon reaching one detector's input: which detector, and when.
public struct PhotonArrival: Hashable, Sendable {
    /// The detector whose input the PBS sent the photon to.
    public var channel: DetectorChannel
    /// Arrival time at the detector input, in picoseconds on the board's timeline.
    public var timePicoseconds: Int64

    /// A photon at `channel` at `timePicoseconds`.
    @inlinable public init(channel: DetectorChannel, timePicoseconds: Int64) {
        self.channel = channel
        self.timePicoseconds = timePicoseconds
    }
}
