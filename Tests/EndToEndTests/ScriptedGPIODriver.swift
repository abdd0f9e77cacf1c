import Glibc
import HAL
import LinuxHAL

/// A `GPIODriver` standing in for a board's GPIO chips, for composition tests without hardware:
/// the chips' lines are data, every request, write and release is logged in order, and the inputs
/// read a level the test chooses (the interlock). Speaks libgpiod 2.x unless told 1.6.
final class ScriptedGPIODriver: GPIODriver {
    /// The chips, as `/dev/gpiochip0`, `/dev/gpiochip1`, … in this order.
    let chips: [(label: String, lineNames: [String])]
    /// The level every input line reads.
    var inputLevel: LineValue = .active
    /// Errno with which the edge-input request fails, nil for success.
    var edgeRequestFailure: Int32?
    /// Consumer shown on every line (for a busy-line message).
    var consumerOfLines: String?
    /// Requests, writes and releases, in order, in the driver's words.
    private(set) var log: [String] = []
    /// The chip path and the lines' edges of every edge-input request, in order.
    private(set) var edgeRequests: [(chipPath: String, edges: [EdgeSelection])] = []
    private var nextHandle: UInt = 100
    /// Whether this stands in for libgpiod 2.x (sequence numbers, event clocks) or 1.6.
    let speaksLibgpiod2: Bool
    var providesLineSequenceNumbers: Bool { speaksLibgpiod2 }
    var canChooseEventClock: Bool { speaksLibgpiod2 }
    var libraryVersion: String { speaksLibgpiod2 ? "2.1.3" : "1.6.3" }

    /// One chip labelled `chipLabel` with `lineNames` at offsets 0, 1, ….
    convenience init(chipLabel: String, lineNames: [String], libgpiod2: Bool = true) {
        self.init(chips: [(chipLabel, lineNames)], libgpiod2: libgpiod2)
    }

    /// Several chips, each with its lines at offsets 0, 1, ….
    init(chips: [(label: String, lineNames: [String])], libgpiod2: Bool = true) {
        self.chips = chips
        speaksLibgpiod2 = libgpiod2
    }

    private func newHandle() -> GPIODriverHandle {
        nextHandle += 1
        return GPIODriverHandle(rawValue: nextHandle)
    }

    private func chip(_ handle: GPIODriverHandle) -> (label: String, lineNames: [String]) { chips[Int(handle.rawValue)] }

    func chipPaths() throws(GPIODriverError) -> [String] { chips.indices.map { "/dev/gpiochip\($0)" } }
    func openChip(path: String) throws(GPIODriverError) -> GPIODriverHandle {
        GPIODriverHandle(rawValue: UInt(path.dropFirst("/dev/gpiochip".count))!)
    }
    func closeChip(_ chip: GPIODriverHandle) {}
    func describeChip(_ chip: GPIODriverHandle) throws(GPIODriverError) -> GPIOChipDescription {
        GPIOChipDescription(label: self.chip(chip).label, lineCount: self.chip(chip).lineNames.count)
    }
    func describeLine(_ chip: GPIODriverHandle, offset: Int) throws(GPIODriverError) -> GPIOLineDescription {
        GPIOLineDescription(name: self.chip(chip).lineNames[offset], consumer: consumerOfLines)
    }
    func accessDescription(path: String) -> String { "\(path) is owned by root:gpio with mode 660" }

    func requestOutputs(chipPath: String, offsets: [Int], activeLow: [Bool], initial: LineBits,
                        consumer: String) throws(GPIODriverError) -> GPIODriverHandle {
        let handle = newHandle()
        log.append("outputs #\(handle.rawValue) \(offsets) initial \(initial) as \(consumer)")
        return handle
    }

    func requestEdgeInputs(chipPath: String, offsets: [Int], activeLow: [Bool], bias: [LineBias], edges: [EdgeSelection],
                           eventClocks: [EdgeEventClock], consumer: String) throws(GPIODriverError) -> GPIODriverHandle {
        if let errno = edgeRequestFailure { throw GPIODriverError(operation: "gpiod request of edge-event lines", errno: errno) }
        let handle = newHandle()
        edgeRequests.append((chipPath, edges))
        log.append("inputs #\(handle.rawValue) \(offsets) activeLow \(activeLow.map { $0 ? 1 : 0 }) "
            + "bias \(bias.map(\.rawValue).joined(separator: ",")) edges \(edges.map(\.description).joined(separator: ",")) "
            + "clock \(eventClocks.map(\.rawValue).joined(separator: ","))")
        return handle
    }

    func setValues(_ request: GPIODriverHandle, to values: LineBits, lineCount: Int) throws(GPIODriverError) {
        log.append("set #\(request.rawValue) \(values)")
    }

    func value(_ request: GPIODriverHandle, lineIndex index: Int) throws(GPIODriverError) -> LineValue { inputLevel }

    func readEdges(_ request: GPIODriverHandle, into buffer: UnsafeMutableBufferPointer<EdgeEvent>) throws(GPIODriverError) -> Int { 0 }

    func release(_ request: GPIODriverHandle) { log.append("release #\(request.rawValue)") }
}
