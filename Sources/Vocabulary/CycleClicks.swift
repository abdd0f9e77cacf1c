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
    ///
    /// Once per click in the firmware's loop and in the accumulator, so it is written for the
    /// compiler: ``slot(_:)`` proves the index in range (no bounds check), the shift is a plain one
    /// (no test for a shift past the width) and the count wraps (a cycle never holds 2⁶³ clicks).
    @inlinable @inline(__always)
    public mutating func record(_ channel: DetectorChannel, nanoseconds: Int64) {
        let index = Self.slot(channel)
        let bit = UInt8(1) &<< UInt8(truncatingIfNeeded: index)
        if clickedMask & bit == 0 {
            clickedMask |= bit
            firstNanoseconds[index] = nanoseconds
        }
        counts[index] &+= 1
    }

    /// `channel`'s index in the per-detector storage: its raw value, 0 … 3. Masked with 3, which
    /// changes nothing for the four channels but lets the compiler see the index is below 4 and
    /// drop the storage's bounds checks.
    @inlinable @inline(__always)
    static func slot(_ channel: DetectorChannel) -> Int { channel.rawValue & 3 }

    /// Which detectors clicked: bit c for the detector with raw value c.
    @inlinable
    public var clickedChannels: UInt8 { clickedMask }

    /// Whether any detector clicked.
    @inlinable
    public var isEmpty: Bool { clickedMask == 0 }

    /// Whether `channel` clicked.
    @inlinable @inline(__always)
    public func clicked(_ channel: DetectorChannel) -> Bool {
        clickedMask & (UInt8(1) &<< UInt8(truncatingIfNeeded: Self.slot(channel))) != 0
    }

    /// How many times `channel` clicked.
    @inlinable
    public func count(of channel: DetectorChannel) -> Int { counts[Self.slot(channel)] }

    /// The time of `channel`'s first click in nanoseconds, nil when it did not click. (Always
    /// inlined: the accumulator asks it twice per cycle in which both arms clicked, and it was a
    /// call each time.)
    @inlinable @inline(__always)
    public func firstClickNanoseconds(of channel: DetectorChannel) -> Int64? {
        clicked(channel) ? firstNanoseconds[Self.slot(channel)] : nil
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
    ///
    /// The counts are zeroed one by one in place: assigning a new `InlineArray` built them in a
    /// temporary on the stack, and a function with such a buffer gets a stack protector (a
    /// canary stored and checked around every call of the functions that close a cycle).
    @inlinable
    public mutating func clear() {
        clickedMask = 0
        for index in 0..<4 { counts[index] = 0 }
    }
}
