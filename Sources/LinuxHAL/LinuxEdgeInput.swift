public import HAL

/// Input lines of one chip requested for edge events through libgpiod (`HAL.EdgeInput`).
///
/// The kernel buffers edges from the moment of the request, stamped on CLOCK_MONOTONIC in its
/// interrupt handler. `readEdges` drains them in batches without blocking; lost edges are counted
/// by `EdgeSequenceTracker` (exactly from the kernel's sequence numbers on libgpiod 2.x; as a
/// lower bound from repeated edge kinds on 1.6, which has none).
public final class LinuxEdgeInput: EdgeInput {
    /// The label of the chip the lines belong to.
    public let chipLabel: String
    public let lineNames: [String]
    public var lineCount: Int { lineNames.count }
    public var lostEdgeCount: Int { tracker.lostEdgeCount }
    private let driver: any GPIODriver
    private let request: GPIODriverHandle
    private var tracker: EdgeSequenceTracker

    init(driver: any GPIODriver, request: GPIODriverHandle, chipLabel: String, lineNames: [String]) {
        self.driver = driver
        self.request = request
        self.chipLabel = chipLabel
        self.lineNames = lineNames
        self.tracker = EdgeSequenceTracker(lineCount: lineNames.count,
                                           usesKernelSequenceNumbers: driver.providesLineSequenceNumbers)
    }

    deinit {
        driver.release(request)
    }

    public func readEdges(into buffer: UnsafeMutableBufferPointer<EdgeEvent>) throws(HardwareError) -> Int {
        var written = 0
        // The driver returns at most one batch per call; keep reading while batches come back full.
        while written < buffer.count {
            let rest = UnsafeMutableBufferPointer(rebasing: buffer[written...])
            let count: Int
            do {
                count = try driver.readEdges(request, into: rest)
            } catch {
                throw HardwareError(error, line: "\(chipLabel):\(lineNames.joined(separator: ","))")
            }
            guard count > 0 else { break }
            for index in written..<(written + count) { tracker.account(&buffer[index]) }
            written += count
        }
        return written
    }

    public func value(ofLine index: Int) throws(HardwareError) -> LineValue {
        guard index >= 0, index < lineCount else {
            throw HardwareError(.invalidRequest, operation: "read input line", line: chipLabel,
                                detail: "line index \(index) outside 0..<\(lineCount)")
        }
        do {
            return try driver.value(request, lineIndex: index)
        } catch {
            throw HardwareError(error, line: "\(chipLabel):\(lineNames[index])")
        }
    }
}
