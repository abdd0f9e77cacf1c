public import HAL

/// Which side drives a simulated line.
public enum LineDirection: Sendable, Hashable {
    /// The firmware drives it through an `OutputLine`; devices listen.
    case output
    /// A device (or a test) drives it; the firmware reads it through an `EdgeInput`.
    case input
}

/// How a line of the simulated board is wired: its name, direction and polarity.
public struct SimulatedLineSpec: Sendable, Hashable {
    /// The chip label the line belongs to (as `gpioinfo` would print it).
    public var chip: String
    /// The line name (as `gpioinfo` would print it).
    public var name: String
    /// Who drives it.
    public var direction: LineDirection
    /// Whether the line is electrically low when logically active.
    public var activeLow: Bool

    /// A line specification.
    public init(chip: String, name: String, direction: LineDirection, activeLow: Bool = false) {
        self.chip = chip
        self.name = name
        self.direction = direction
        self.activeLow = activeLow
    }
}

/// The state of one simulated line.
@usableFromInline struct SimulatedLineState {
    @usableFromInline var spec: SimulatedLineSpec
    /// Logical value (active/inactive), 0 or 1.
    @usableFromInline var value: UInt8 = 0
    /// Devices that are called when the line changes, in the order they were attached, each
    /// with the edges it is called for.
    var watchers: [(device: Int, edges: EdgeSelection)] = []
    /// The devices an edge of the line calls, by the value the line changes to (0: a falling
    /// edge, 1: a rising one; set by the board whenever a device attaches). Indexed by the new
    /// value, so a change finds its watchers with one load, not a choice between two.
    @usableFromInline var watchersByNewValue = InlineArray<2, LineWatchers>(repeating: .none)
    /// The edge queue of the input request holding this line, if any.
    @usableFromInline var edgeQueue: Int = -1
    /// Whether a change of the line does more than call its watchers: the board records it
    /// (it traces) or stamps it (`edgeQueue`, an input request holds the line). Set when the line
    /// is added and when it is requested, so that a change asks one flag of the line instead of
    /// the board's `isTracing` and then the line's `edgeQueue` (neither is true for the lines the
    /// firmware writes in a benchmark run, about five changes per trigger cycle).
    @usableFromInline var changeIsRecordedOrStamped = false
    /// The line's index inside that request.
    var indexInRequest: Int = 0
    /// Whether the firmware has requested the line (a second request is refused, as on Linux).
    var isRequested = false
    /// Edges seen on this line so far (the per-line sequence number).
    var edgeCount: UInt64 = 0
    /// Which edges the firmware's request asked for.
    @usableFromInline var edges: EdgeSelection = .both
    /// The latest cycle a stamp of this line is scheduled for: the kernel services one line's
    /// edges in turn, so their stamps never go backwards.
    var lastStampCycle: Int64 = .min
    /// When the line last rose.
    var lastRiseCycle: Int64 = .min
    /// Rises whose stamps are pending, oldest in bit 0: a set bit marks a pulse too short to be
    /// seen (it ended within the profile's shortest pulse).
    var pendingRiseFlags: UInt64 = 0
    var pendingRiseCount = 0
    /// Pulses on this line too short for the input to see.
    var pulsesTooShort = 0

    /// Electrical level: what a scope or the VCD shows.
    @inlinable var level: UInt8 { spec.activeLow ? value ^ 1 : value }
}

/// The devices one edge of a line calls, resolved when a device attaches: a line that a single
/// device watches for the edge (every line of the shipped stations) holds that device's call, so
/// a change reaches it with no loop and no lookup in the board's `watcherCalls`.
///
/// The station's own line watchers have cases of their own (the laser on its trigger, the gate
/// fan-out, an analyzer with the bit of its code that the line carries), so that a line change
/// finds its device with one switch, not a switch over these cases and then one over
/// ``DeviceCall``'s (a firmware write is inlined into the loop: about five line changes per
/// trigger cycle).
@usableFromInline enum LineWatchers {
    /// No device watches the edge.
    case none
    /// The laser alone.
    case laser(Unmanaged<LaserModel>)
    /// The gate fan-out alone.
    case gateFanOut(Unmanaged<DetectorGateFanOut>)
    /// A polarization analyzer alone, for which the line is bit `bit` of the basis code
    /// (found once, when it attached, instead of searched on every change).
    case analyzer(Unmanaged<PolarizationAnalyzer>, bit: Int)
    /// Any other device alone.
    case one(DeviceCall)
    /// Several do: their calls are at these positions of the board's flattened `watcherCalls`,
    /// in attachment order.
    case several(Range<Int>)

    /// The watcher of line `line` edge that `call` alone watches.
    init(onlyCall call: DeviceCall, line: LineID) {
        switch call {
        case .laser(let laser): self = .laser(laser)
        case .gateFanOut(let fanOut): self = .gateFanOut(fanOut)
        case .analyzer(let analyzer):
            if let bit = analyzer._withUnsafeGuaranteedRef({ $0.basisSelectLines.firstIndex(of: line) }) {
                self = .analyzer(analyzer, bit: bit)
            } else {
                self = .one(call)   // not one of its lines: its `lineChanged` ignores the line
            }
        default: self = .one(call)
        }
    }
}
