/// The clicks of one trigger cycle, as the coincidence rule needs them: per detector how many and
/// the first one's time, and which detectors clicked as a bit mask.
///
/// Fixed-size inline storage and a mask, because it is touched on every click, in the firmware's
/// real-time loop and in the analysis of a record: recording a click is a few register operations
/// with no array uniqueness check, and the questions asked when the cycle closes (did arm A click,
/// did both of its detectors) are one mask test each.
public struct CycleClicks: Sendable {
    /// Bit c is set when the detector with raw value c clicked in this cycle.
    @usableFromInline private(set) var clickedMask: UInt8 = 0
    /// Clicks per detector in this cycle.
    @usableFromInline private(set) var counts = InlineArray<4, Int>(repeating: 0)
    /// Time of each detector's first click, in nanoseconds; meaningful only for the detectors in
    /// `clickedMask`.
    @usableFromInline private(set) var firstNanoseconds = InlineArray<4, Int64>(repeating: 0)

    @usableFromInline static let armAMask: UInt8 = 0b0011
    @usableFromInline static let armBMask: UInt8 = 0b1100

    /// No clicks.
    @inlinable
    public init() {}

    /// Adds a click of `channel` at `nanoseconds`; clicks of one detector arrive in time order.
    @inlinable @inline(__always)
    public mutating func record(_ channel: DetectorChannel, nanoseconds: Int64) {
        let index = channel.rawValue
        let bit = UInt8(1) << index
        if clickedMask & bit == 0 {
            clickedMask |= bit
            firstNanoseconds[index] = nanoseconds
        }
        counts[index] += 1
    }

    /// Which detectors clicked: bit c for the detector with raw value c.
    @inlinable
    public var clickedChannels: UInt8 { clickedMask }

    /// Whether any detector clicked.
    @inlinable
    public var isEmpty: Bool { clickedMask == 0 }

    /// Whether `channel` clicked.
    @inlinable
    public func clicked(_ channel: DetectorChannel) -> Bool { clickedMask & (UInt8(1) << channel.rawValue) != 0 }

    /// How many times `channel` clicked.
    @inlinable
    public func count(of channel: DetectorChannel) -> Int { counts[channel.rawValue] }

    /// The time of `channel`'s first click in nanoseconds, nil when it did not click.
    @inlinable
    public func firstClickNanoseconds(of channel: DetectorChannel) -> Int64? {
        clicked(channel) ? firstNanoseconds[channel.rawValue] : nil
    }

    /// Whether some detector of each arm clicked (the only cycles that can hold a coincidence).
    @inlinable
    public var bothArmsClicked: Bool { clickedMask & Self.armAMask != 0 && clickedMask & Self.armBMask != 0 }

    /// Whether both detectors of `arm` clicked.
    @inlinable
    public func isDoubleClick(in arm: AnalyzerArm) -> Bool {
        let mask = arm == .a ? Self.armAMask : Self.armBMask
        return clickedMask & mask == mask
    }

    /// Whether both detectors of one arm (or of both) clicked: ``isDoubleClick(in:)`` of each arm,
    /// as one expression on the mask (the two calls were left out of line, a call per closed cycle
    /// in the firmware's tally and in the accumulator).
    @inlinable @inline(__always)
    public var hasDoubleClick: Bool {
        clickedMask & Self.armAMask == Self.armAMask || clickedMask & Self.armBMask == Self.armBMask
    }

    /// The first of `arm`'s detectors to click in key order (+ before −), nil when neither did.
    @inlinable
    public func firstClickedChannel(in arm: AnalyzerArm) -> DetectorChannel? {
        let plus = DetectorChannel(arm: arm, output: .plus)
        if clicked(plus) { return plus }
        let minus = DetectorChannel(arm: arm, output: .minus)
        return clicked(minus) ? minus : nil
    }

    /// Forgets every click, for the next cycle.
    @inlinable
    public mutating func clear() {
        clickedMask = 0
        counts = InlineArray(repeating: 0)
    }
}
