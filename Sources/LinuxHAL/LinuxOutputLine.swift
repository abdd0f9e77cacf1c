public import HAL

/// Output lines of one chip requested together through libgpiod (`HAL.OutputLine`).
///
/// Every set, single line or bulk, is one call to the driver (one ioctl for the whole request).
/// On release (deinit) the lines are first driven to their safe levels, then released, so a
/// laser trigger or detector gate is never left asserted by a process that exits.
public final class LinuxOutputLine: OutputLine {
    /// The label of the chip the lines belong to.
    public let chipLabel: String
    public let lineNames: [String]
    public var lineCount: Int { lineNames.count }
    // Only this request's own methods touch the shadow, one at a time (the class is not Sendable),
    // and the compiler's static exclusivity checks still apply; the dynamic one cost a runtime call
    // (swift_beginAccess) on every write of the real-time loop.
    @exclusivity(unchecked) public private(set) var driven: LineBits
    /// The level each line is driven to in the safe state and before release (bit i = line i).
    public let safeLevels: LineBits
    private let driver: any GPIODriver
    private let request: GPIODriverHandle

    init(driver: any GPIODriver, request: GPIODriverHandle, chipLabel: String, lineNames: [String],
         initial: LineBits, safe: LineBits) {
        self.driver = driver
        self.request = request
        self.chipLabel = chipLabel
        self.lineNames = lineNames
        self.driven = initial
        self.safeLevels = safe
    }

    deinit {
        // Best effort: a failure here cannot be thrown, and releasing the lines anyway is still
        // the right thing (the kernel then keeps the last driven value on most chips).
        try? driver.setValues(request, to: safeLevels, lineCount: lineCount)
        driver.release(request)
    }

    public func set(line index: Int, to value: LineValue) throws(HardwareError) {
        guard index >= 0, index < lineCount else {
            throw HardwareError(.invalidRequest, operation: "set output line", line: chipLabel,
                                detail: "line index \(index) outside 0..<\(lineCount)")
        }
        var values = driven
        values[index] = value
        try write(values, naming: lineNames[index])
    }

    public func set(_ values: LineBits, mask: LineBits) throws(HardwareError) {
        let all = LineBits.all(lineCount).rawValue
        guard mask.rawValue & ~all == 0 else {
            throw HardwareError(.invalidRequest, operation: "set output lines", line: chipLabel,
                                detail: "mask \(mask) has bits beyond the request's \(lineCount) lines")
        }
        let merged = LineBits(rawValue: (driven.rawValue & ~mask.rawValue) | (values.rawValue & mask.rawValue))
        try write(merged, naming: lineNames.joined(separator: ","))
    }

    /// Drives every line to its safe level, in one call.
    public func driveSafe() throws(HardwareError) {
        try write(safeLevels, naming: lineNames.joined(separator: ","))
    }

    /// One libgpiod call; `lines` (for the error only) is built only when the call fails, so a
    /// bulk set does not join line names on every cycle.
    private func write(_ values: LineBits, naming lines: @autoclosure () -> String) throws(HardwareError) {
        do {
            try driver.setValues(request, to: values, lineCount: lineCount)
        } catch {
            throw HardwareError(error, line: "\(chipLabel):\(lines())")
        }
        driven = values
    }
}
