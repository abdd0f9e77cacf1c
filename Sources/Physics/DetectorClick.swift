public import Vocabulary
/// A click on one detector's output: channel, time (jitter included) and what caused it.
public struct DetectorClick: Hashable, Sendable {
    /// What made a detector click.
    public enum Cause: Hashable, Sendable {
        /// A photon from the source.
        case photon
        /// A dark count.
        case darkCount
        /// An afterpulse of an earlier click.
        case afterpulse
    }

    /// The detector that clicked.
    public var channel: DetectorChannel
    /// The click's time on the output, in picoseconds (detection plus jitter).
    public var timePicoseconds: Int64
    /// What caused it (the hardware cannot tell; tests and traces can).
    public var cause: Cause

    /// A click on `channel` at `timePicoseconds`.
    @inlinable public init(channel: DetectorChannel, timePicoseconds: Int64, cause: Cause) {
        self.channel = channel
        self.timePicoseconds = timePicoseconds
        self.cause = cause
    }
}
