import Glibc
import HAL
import LinuxHAL

/// A `GPIODriver` standing in for one GPIO chip, for composition tests without hardware: the
/// chip's lines are data, every request, write and release is logged in order, and the inputs
/// read a level the test chooses (the interlock).
final class ScriptedGPIODriver: GPIODriver {
    let chipPath = "/dev/gpiochip0"
    let chipLabel: String
    let lineNames: [String]
    /// The level every input line reads.
    var inputLevel: LineValue = .active
    /// Errno with which the edge-input request fails, nil for success.
    var edgeRequestFailure: Int32?
    /// Consumer shown on every line (for a busy-line message).
    var consumerOfLines: String?
    /// Requests, writes and releases, in order, in the driver's words.
    private(set) var log: [String] = []
    private var nextHandle: UInt = 100
    var providesLineSequenceNumbers: Bool { true }
    var canChooseEventClock: Bool { true }
    var libraryVersion: String { "2.1.3" }

    init(chipLabel: String, lineNames: [String]) {
        self.chipLabel = chipLabel
        self.lineNames = lineNames
    }

    private func newHandle() -> GPIODriverHandle {
        nextHandle += 1
        return GPIODriverHandle(rawValue: nextHandle)
    }

    func chipPaths() throws(GPIODriverError) -> [String] { [chipPath] }
    func openChip(path: String) throws(GPIODriverError) -> GPIODriverHandle { GPIODriverHandle(rawValue: 1) }
    func closeChip(_ chip: GPIODriverHandle) {}
    func describeChip(_ chip: GPIODriverHandle) throws(GPIODriverError) -> GPIOChipDescription {
        GPIOChipDescription(label: chipLabel, lineCount: lineNames.count)
    }
    func describeLine(_ chip: GPIODriverHandle, offset: Int) throws(GPIODriverError) -> GPIOLineDescription {
        GPIOLineDescription(name: lineNames[offset], consumer: consumerOfLines)
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
