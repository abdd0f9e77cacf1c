public import HAL

/// How a board's click edges reach qdot: who stamps them, and what conditions them on the way.
/// A board file's `[clicks]` section.
public struct ClickPath: Sendable, Hashable {
    /// Where the click timestamps come from (`timestamps = "kernel" | "hte" | "tagger"`).
    public var timestamps: EdgeTimestampSource
    /// A pulse stretcher (a monostable such as a 74LVC1G123) between each detector and its input
    /// line: every click drives the line for at least this long (`pulse-stretch-ns`; zero: none).
    /// Needed when the detectors' pulses are narrower than the board's inputs can see.
    public var pulseStretch: TimeSpan

    /// A click path.
    public init(timestamps: EdgeTimestampSource = .kernelInterrupt, pulseStretch: TimeSpan = .zero) {
        self.timestamps = timestamps
        self.pulseStretch = pulseStretch
    }

    /// Straight from the detectors to GPIO inputs, stamped by the kernel.
    public static let kernel = ClickPath()
}
