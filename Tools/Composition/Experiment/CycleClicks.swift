/// The clicks of the cycle an `ExperimentAccumulator` has open: per channel (A+, A−, B+, B−, by
/// raw value) how many and the first one's board time, and which channels clicked as a bit mask.
///
/// Fixed-size inline storage and a mask, because it is touched on every click: recording a click
/// is a few register operations with no array uniqueness check, and the common questions at the
/// cycle's close (did arm A click, did both of its detectors) are one mask test each.
struct CycleClicks {
    /// Bit c is set when channel c clicked in this cycle.
    private(set) var clickedChannels: UInt8 = 0
    /// Clicks per channel in this cycle.
    private(set) var count = InlineArray<4, Int>(repeating: 0)
    /// Board time of each channel's first click, in nanoseconds; meaningful only for the channels
    /// in `clickedChannels`.
    private(set) var firstNanoseconds = InlineArray<4, Int64>(repeating: 0)

    private static let armAChannels: UInt8 = 0b0011
    private static let armBChannels: UInt8 = 0b1100

    /// Adds a click of `channel` (0–3) at `nanoseconds`; clicks arrive in time order.
    @inline(__always)
    mutating func record(channel: Int, nanoseconds: Int64) {
        let bit = UInt8(1) << channel
        if clickedChannels & bit == 0 {
            clickedChannels |= bit
            firstNanoseconds[channel] = nanoseconds
        }
        count[channel] += 1
    }

    /// Whether `channel` clicked.
    func clicked(_ channel: Int) -> Bool { clickedChannels & (UInt8(1) << channel) != 0 }

    /// Whether arm-A channel `a` and arm-B channel `b` both clicked with first clicks at most
    /// `window` nanoseconds apart: a coincidence by the firmware's rule.
    @inline(__always)
    func coincide(_ a: Int, _ b: Int, window: Int64) -> Bool {
        guard clicked(a), clicked(b) else { return false }
        let separation = firstNanoseconds[a] - firstNanoseconds[b]
        return separation <= window && separation >= -window
    }

    /// Whether some detector of each arm clicked (the only cycles that can hold a coincidence).
    var bothArmsClicked: Bool { clickedChannels & Self.armAChannels != 0 && clickedChannels & Self.armBChannels != 0 }

    /// Whether both detectors of arm A clicked.
    var armADoubleClick: Bool { clickedChannels & Self.armAChannels == Self.armAChannels }

    /// Whether both detectors of arm B clicked.
    var armBDoubleClick: Bool { clickedChannels & Self.armBChannels == Self.armBChannels }

    /// Forgets every click, for the next cycle.
    mutating func clear() {
        clickedChannels = 0
        count = InlineArray(repeating: 0)
    }
}
