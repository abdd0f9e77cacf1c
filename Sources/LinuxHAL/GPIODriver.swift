public import HAL

/// Every libgpiod and OS call the Linux backend makes, behind one small protocol.
///
/// `LibgpiodDriver` is the real one (it calls the C shim `qdot_gpiod.h`); tests inject a
/// recording fake to check error mapping, line lookup, the safe-level-before-release order and
/// edge batching without GPIO hardware — the seam swift-system uses for its syscall mocking,
/// placed one level up so that libgpiod itself is never faked.
///
/// Lines are addressed by offset within a chip; `LinuxGPIO` finds offsets by chip label and line
/// name. Failures throw `GPIODriverError` (the call and its errno); `LinuxGPIO` turns them into
/// `HardwareError`s with the line and advice attached.
public protocol GPIODriver: AnyObject {
    /// Whether edge events carry the kernel's per-line sequence numbers (libgpiod 2.x). When not,
    /// `readEdges` leaves `lineSequence` at 0 and the backend infers lost edges from their kinds
    /// on lines reporting both edges, and cannot see them on the others (`LostEdgeDetection`).
    var providesLineSequenceNumbers: Bool { get }

    /// Whether a request can choose its lines' event clock (libgpiod 2.x, uAPI v2). When not
    /// (libgpiod 1.6, uAPI v1) the kernel stamps every edge with CLOCK_MONOTONIC (Linux ≥ 5.7;
    /// CLOCK_REALTIME before), and `requestEdgeInputs` accepts only `.monotonic`.
    var canChooseEventClock: Bool { get }

    /// The libgpiod version loaded at run time (for example `1.6.3`), for messages and records.
    var libraryVersion: String { get }

    /// The running kernel's release (`uname -r`, for example `6.1.0-18-arm64`). Has a default.
    var kernelRelease: String { get }

    /// CLOCK_MONOTONIC now: edge stamps on another timebase are caught against it. Has a default.
    func monotonicNow() -> Instant

    /// The GPIO character devices on this machine (`/dev/gpiochip*`), sorted.
    func chipPaths() throws(GPIODriverError) -> [String]

    /// Opens the chip at `path` for inspection. The corresponding libgpiod call is `gpiod_chip_open`.
    func openChip(path: String) throws(GPIODriverError) -> GPIODriverHandle

    /// Closes a chip opened with `openChip`. The corresponding libgpiod call is `gpiod_chip_close`.
    func closeChip(_ chip: GPIODriverHandle)

    /// The chip's label and line count, as gpioinfo prints them.
    func describeChip(_ chip: GPIODriverHandle) throws(GPIODriverError) -> GPIOChipDescription

    /// Line `offset`'s name and consumer, as gpioinfo prints them.
    func describeLine(_ chip: GPIODriverHandle, offset: Int) throws(GPIODriverError) -> GPIOLineDescription

    /// Who may open the device at `path` (owner, group, mode), for a permission-denied message.
    func accessDescription(path: String) -> String

    /// Requests output lines of the chip at `chipPath` together and drives them to `initial`
    /// (logical values, bit i = line i).
    func requestOutputs(chipPath: String, offsets: [Int], activeLow: [Bool], initial: LineBits,
                        consumer: String) throws(GPIODriverError) -> GPIODriverHandle

    /// Requests input lines of the chip at `chipPath` for edge events, with each line's polarity,
    /// bias, edges (lines of one request may differ) and event clock, and non-blocking reads. The
    /// corresponding libgpiod calls are `gpiod_line_request` per line with request type
    /// `GPIOD_LINE_REQUEST_EVENT_RISING_EDGE`, `_FALLING_EDGE` or `_BOTH_EDGES` (1.6, whose event
    /// requests are one per line anyway; it has no event clock: anything but `.monotonic` fails
    /// with EOPNOTSUPP) and `gpiod_chip_request_lines` with `gpiod_line_settings_set_edge_detection`
    /// and `gpiod_line_settings_set_event_clock` per line (2.x; the kernel refuses an HTE clock it
    /// cannot give with EOPNOTSUPP, ENODEV or EINVAL).
    func requestEdgeInputs(chipPath: String, offsets: [Int], activeLow: [Bool], bias: [LineBias], edges: [EdgeSelection],
                           eventClocks: [EdgeEventClock], consumer: String) throws(GPIODriverError) -> GPIODriverHandle

    /// Drives every line of an output request to its bit of `values`, in one call.
    func setValues(_ request: GPIODriverHandle, to values: LineBits, lineCount: Int) throws(GPIODriverError)

    /// The logical value of line `index` of a request.
    func value(_ request: GPIODriverHandle, lineIndex index: Int) throws(GPIODriverError) -> LineValue

    /// Moves waiting edge events (at most `buffer.count`, and at most the driver's batch size)
    /// into `buffer` without blocking, oldest first; returns how many. `lineSequence` is the
    /// kernel's per-line number, or 0 when the driver has none.
    func readEdges(_ request: GPIODriverHandle, into buffer: UnsafeMutableBufferPointer<EdgeEvent>) throws(GPIODriverError) -> Int

    /// Releases a request's lines. Does not drive them: callers drive outputs safe first.
    func release(_ request: GPIODriverHandle)
}

/// An opaque handle a `GPIODriver` gives out for an open chip or a line request.
public struct GPIODriverHandle: Hashable, Sendable {
    /// The driver's own value (a pointer's bit pattern in `LibgpiodDriver`, a counter in fakes).
    public var rawValue: UInt

    /// A handle with the driver's own value.
    public init(rawValue: UInt) { self.rawValue = rawValue }
}

/// A chip as gpioinfo describes it.
public struct GPIOChipDescription: Hashable, Sendable {
    /// The chip's label (for example `pinctrl-bcm2711`).
    public var label: String
    /// How many lines the chip has.
    public var lineCount: Int

    /// A chip description.
    public init(label: String, lineCount: Int) {
        self.label = label
        self.lineCount = lineCount
    }
}

/// A line as gpioinfo describes it.
public struct GPIOLineDescription: Hashable, Sendable {
    /// The line's name, empty when the chip does not name it.
    public var name: String
    /// Who holds the line, nil when it is free.
    public var consumer: String?

    /// A line description.
    public init(name: String, consumer: String?) {
        self.name = name
        self.consumer = consumer
    }
}
