import Glibc
import HAL
import LinuxHAL

/// A `GPIODriver` for tests: chips and lines are data, every call is logged, edges are queued
/// by the test, and any call can be made to fail with a chosen errno.
final class RecordingGPIODriver: GPIODriver {
    struct Chip {
        var path: String
        var label: String
        var lines: [GPIOLineDescription]
    }

    var chips: [Chip]
    /// Paths whose open fails with EACCES.
    var deniedPaths: Set<String> = []
    /// Errno with which the next request fails (then cleared).
    var requestFailure: Int32?
    /// Errno with which `setValues` fails.
    var setFailure: Int32?
    var providesLineSequenceNumbers: Bool
    /// Whether requests choose their event clock (libgpiod 2.x); by default as the sequence numbers say.
    var canChooseEventClock: Bool
    /// The libgpiod version messages name.
    var libraryVersion: String
    /// The kernel release the checks see.
    var kernelRelease = "6.1.0-18-arm64"
    /// CLOCK_MONOTONIC as the driver reports it, nanoseconds; it advances by 1 µs per reading.
    var monotonicNanoseconds: Int64 = 1_000_000_000
    /// The event clock of every line of every edge request, in request order.
    private(set) var requestedEventClocks: [[EdgeEventClock]] = []
    /// The edges of every line of every edge request, in request order.
    private(set) var requestedEdges: [[EdgeSelection]] = []
    /// Most events one `readEdges` call returns, like the shim's batch.
    var batchSize = 4
    /// Every call, in order, in the driver's words.
    private(set) var log: [String] = []
    /// Edges waiting, per request.
    var pendingEdges: [GPIODriverHandle: [EdgeEvent]] = [:]
    private var nextHandle: UInt = 1
    private var openChips: [GPIODriverHandle: String] = [:]
    private(set) var openChipCount = 0

    /// A driver for `chips`, speaking libgpiod 2.x (sequence numbers, event clocks) unless told 1.6.
    init(chips: [Chip], providesLineSequenceNumbers: Bool = true, canChooseEventClock: Bool? = nil) {
        self.chips = chips
        self.providesLineSequenceNumbers = providesLineSequenceNumbers
        self.canChooseEventClock = canChooseEventClock ?? providesLineSequenceNumbers
        libraryVersion = self.canChooseEventClock ? "2.1.3" : "1.6.3"
    }

    func monotonicNow() -> Instant {
        defer { monotonicNanoseconds += 1_000 }
        return Instant(nanoseconds: monotonicNanoseconds)
    }

    private func newHandle() -> GPIODriverHandle {
        defer { nextHandle += 1 }
        return GPIODriverHandle(rawValue: nextHandle)
    }

    func chipPaths() throws(GPIODriverError) -> [String] { chips.map(\.path) }

    func openChip(path: String) throws(GPIODriverError) -> GPIODriverHandle {
        if deniedPaths.contains(path) { throw GPIODriverError(operation: "gpiod_chip_open", errno: EACCES) }
        let handle = newHandle()
        openChips[handle] = path
        openChipCount += 1
        return handle
    }

    func closeChip(_ chip: GPIODriverHandle) {
        openChips[chip] = nil
        openChipCount -= 1
    }

    private func chip(_ handle: GPIODriverHandle) -> Chip { chips.first { $0.path == openChips[handle] }! }

    func describeChip(_ chip: GPIODriverHandle) throws(GPIODriverError) -> GPIOChipDescription {
        let found = self.chip(chip)
        return GPIOChipDescription(label: found.label, lineCount: found.lines.count)
    }

    func describeLine(_ chip: GPIODriverHandle, offset: Int) throws(GPIODriverError) -> GPIOLineDescription {
        self.chip(chip).lines[offset]
    }

    func accessDescription(path: String) -> String { "\(path) is owned by root:gpio with mode 660" }

    func requestOutputs(chipPath: String, offsets: [Int], activeLow: [Bool], initial: LineBits,
                        consumer: String) throws(GPIODriverError) -> GPIODriverHandle {
        try failIfARequestFailureIsQueued(operation: "gpiod request of output lines")
        let handle = newHandle()
        log.append("request outputs \(chipPath) \(offsets) activeLow \(activeLow) initial \(initial) as \(consumer) → #\(handle.rawValue)")
        return handle
    }

    func requestEdgeInputs(chipPath: String, offsets: [Int], activeLow: [Bool], bias: [LineBias], edges: [EdgeSelection],
                           eventClocks: [EdgeEventClock], consumer: String) throws(GPIODriverError) -> GPIODriverHandle {
        requestedEventClocks.append(eventClocks)
        requestedEdges.append(edges)
        try failIfARequestFailureIsQueued(operation: "gpiod request of edge-event lines")
        let handle = newHandle()
        log.append("request inputs \(chipPath) \(offsets) bias \(bias.map(\.rawValue)) edges \(edges.map(\.description)) "
            + "clock \(eventClocks.map(\.rawValue)) as \(consumer) → #\(handle.rawValue)")
        return handle
    }

    /// Throws `requestFailure` as a failed `operation`, once.
    private func failIfARequestFailureIsQueued(operation: String) throws(GPIODriverError) {
        guard let errno = requestFailure else { return }
        requestFailure = nil
        throw GPIODriverError(operation: operation, errno: errno)
    }

    func setValues(_ request: GPIODriverHandle, to values: LineBits, lineCount: Int) throws(GPIODriverError) {
        if let errno = setFailure { throw GPIODriverError(operation: "gpiod set values", errno: errno) }
        log.append("set #\(request.rawValue) \(values) (\(lineCount) lines)")
    }

    func value(_ request: GPIODriverHandle, lineIndex index: Int) throws(GPIODriverError) -> LineValue { .inactive }

    func readEdges(_ request: GPIODriverHandle, into buffer: UnsafeMutableBufferPointer<EdgeEvent>) throws(GPIODriverError) -> Int {
        let waiting = pendingEdges[request, default: []]
        let count = min(waiting.count, buffer.count, batchSize)
        for index in 0..<count { buffer[index] = waiting[index] }
        pendingEdges[request] = Array(waiting.dropFirst(count))
        log.append("read #\(request.rawValue) \(count) of at most \(buffer.count)")
        return count
    }

    func release(_ request: GPIODriverHandle) {
        log.append("release #\(request.rawValue)")
    }
}
