/// The four pairs of one arm-A detector and one arm-B detector that can click in coincidence.
///
/// The raw values are the order every list of coincidence counts keeps (result files, summaries):
/// A+B+, A+B−, A−B+, A−B−.
public enum DetectorPair: Int, CaseIterable, Sendable, Hashable, CustomStringConvertible, QuadrupleKey {
    /// A+ with B+.
    case plusPlus = 0
    /// A+ with B−.
    case plusMinus = 1
    /// A− with B+.
    case minusPlus = 2
    /// A− with B−.
    case minusMinus = 3

    /// The pair of arm A's detector on `outputA` and arm B's on `outputB`.
    @inlinable
    public init(_ outputA: DetectorOutput, _ outputB: DetectorOutput) {
        switch (outputA, outputB) {
        case (.plus, .plus): self = .plusPlus
        case (.plus, .minus): self = .plusMinus
        case (.minus, .plus): self = .minusPlus
        case (.minus, .minus): self = .minusMinus
        }
    }

    /// The pair's arm-A detector.
    @inlinable
    public var channelA: DetectorChannel { rawValue >> 1 == 0 ? .aPlus : .aMinus }

    /// The pair's arm-B detector.
    @inlinable
    public var channelB: DetectorChannel { rawValue & 1 == 0 ? .bPlus : .bMinus }

    /// Whether the two detectors sit on the same output of their arms (++ or −−): the pairs whose
    /// counts add to a correlation's "same" side, E = (N++ + N−− − N+− − N−+)/N.
    @inlinable
    public var isSameOutput: Bool { self == .plusPlus || self == .minusMinus }

    /// "A+B+", "A+B-", "A-B+", "A-B-" (ASCII, for terminal summaries).
    public var label: String { channelA.label + channelB.label }

    /// "A+B+", "A+B−", "A−B+", "A−B−" (with a true minus sign, for messages).
    public var description: String { channelA.description + channelB.description }
}
