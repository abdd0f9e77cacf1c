public import Analysis

/// The firmware counts clicks by Analysis's `DetectorChannel` (one type for the whole package);
/// this adds the ASCII name used in terminal summaries and record files.
extension DetectorChannel {
    /// The name labs type: "A+", "A-", "B+", "B-" (ASCII, unlike `description`'s "A−").
    public var label: String { ["A+", "A-", "B+", "B-"][rawValue] }

    /// The arm of the channel: 0 for A (XX photon), 1 for B (X photon).
    public var arm: Int { rawValue >> 1 }

    /// Whether this is the − output of its arm's polarizing beam splitter.
    public var isMinusOutput: Bool { rawValue & 1 == 1 }
}
