public import HAL

/// Input lines of one chip requested for edge events through libgpiod (`HAL.EdgeInput`).
///
/// The kernel buffers edges from the moment of the request, stamped on each line's event clock:
/// CLOCK_MONOTONIC in its interrupt handler, or the chip's hardware timestamping engine.
/// `readEdges` drains them in batches without blocking; lost edges are counted by
/// `EdgeSequenceTracker` (exactly from the kernel's sequence numbers on libgpiod 2.x; on 1.6,
/// which has none, as a lower bound from repeated edge kinds on lines reporting both edges, and
/// not at all on lines reporting one kind: `lostEdgeDetection` says which).
///
/// The firmware compares stamps with CLOCK_MONOTONIC deadlines. An engine counts on a timebase of
/// its own (Tegra's: its TSC, from power-on), so edges of HTE lines are checked as they are read:
/// one stamped after the moment it was read, or before the lines were requested, cannot be on
/// CLOCK_MONOTONIC, and the read fails (`unsupported`) instead of handing the firmware clicks it
/// would put in the wrong cycles.
public final class LinuxEdgeInput: EdgeInput {
    /// The label of the chip the lines belong to.
    public let chipLabel: String
    public let lineNames: [String]
    /// The edges each line reports, in line order.
    public let edges: [EdgeSelection]
    /// The clock each line's edges are stamped with, in line order.
    public let eventClocks: [EdgeEventClock]
    public var lineCount: Int { lineNames.count }
    public var lostEdgeCount: Int { tracker.lostEdgeCount }
    /// How each line's lost edges are found, in line order (`undetectable` for a single-edge line
    /// on libgpiod 1.6: `lostEdgeCount` cannot include its losses).
    public var lostEdgeDetection: [LostEdgeDetection] { tracker.detection }
    private let driver: any GPIODriver
    private let request: GPIODriverHandle
    private var tracker: EdgeSequenceTracker
    /// Whether any line is stamped by a hardware timestamping engine (its stamps are checked).
    private let checksTimebase: Bool
    /// CLOCK_MONOTONIC just before the lines were requested: no edge of theirs can be older.
    private let requestedAt: Instant

    init(driver: any GPIODriver, request: GPIODriverHandle, chipLabel: String, lineNames: [String],
         edges: [EdgeSelection], eventClocks: [EdgeEventClock], requestedAt: Instant) {
        self.driver = driver
        self.request = request
        self.chipLabel = chipLabel
        self.lineNames = lineNames
        self.edges = edges
        self.eventClocks = eventClocks
        self.tracker = EdgeSequenceTracker(edges: edges, usesKernelSequenceNumbers: driver.providesLineSequenceNumbers)
        checksTimebase = eventClocks.contains(.hardwareTimestampEngine)
        self.requestedAt = requestedAt
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
            if checksTimebase { try checkTimebase(buffer[written..<(written + count)]) }
            for index in written..<(written + count) { tracker.account(&buffer[index]) }
            written += count
        }
        return written
    }

    /// Fails when an engine-stamped edge cannot be on CLOCK_MONOTONIC: stamped after now (read
    /// after the edges were), or before the request.
    private func checkTimebase(_ edges: Slice<UnsafeMutableBufferPointer<EdgeEvent>>) throws(HardwareError) {
        let now = driver.monotonicNow()
        for edge in edges where eventClocks.indices.contains(edge.line) && eventClocks[edge.line] == .hardwareTimestampEngine {
            guard edge.timestamp > now || edge.timestamp < requestedAt else { continue }
            let seconds = { (instant: Instant) in "\(Double(instant.nanoseconds) / 1e9) s" }
            throw HardwareError(
                .unsupported, operation: "read edge events", line: "\(chipLabel):\(lineNames[edge.line])",
                detail: "an edge stamped \(seconds(edge.timestamp)) by the hardware timestamping engine, read at "
                    + "CLOCK_MONOTONIC \(seconds(now)) for lines requested at \(seconds(requestedAt)): the engine's timebase "
                    + "is not CLOCK_MONOTONIC, so its stamps cannot be compared with qdot's cycle deadlines. Ask for "
                    + "event clock monotonic")
        }
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
