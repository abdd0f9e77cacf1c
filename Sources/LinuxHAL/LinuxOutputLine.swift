public import HAL

/// Output lines of one chip requested together through libgpiod (`HAL.OutputLine`).
///
/// Every set, single line or bulk, is one call to the driver (one ioctl for the whole request).
/// On release (deinit) the lines are first driven to their safe levels, then released, so a
/// laser trigger or detector gate is never left asserted by a process that exits.
///
/// Generic over the driver so that a write is as shallow as a C loop's: with `LibgpiodDriver`
/// the set path (`set` → `write` → `setValues` → the shim) is inlined into the caller and
/// statically dispatched — no existential witness thunk, no call per layer (issue 7, gpio-sim
/// lane). Tests pass their recording driver as `Driver` and see the same calls.
public final class LinuxOutputLine<Driver: GPIODriver>: OutputLine {
    /// The label of the chip the lines belong to.
    public let chipLabel: String
    public let lineNames: [String]
    public var lineCount: Int { lineNames.count }
    public var driven: LineBits { drivenBits }
    /// The level each line is driven to in the safe state and before release (bit i = line i).
    public let safeLevels: LineBits
    // Only this request's own methods touch the shadow, one at a time (the class is not Sendable),
    // and the compiler's static exclusivity checks still apply; the dynamic one cost a runtime call
    // (swift_beginAccess) on every write of the real-time loop.
    @exclusivity(unchecked) @usableFromInline var drivenBits: LineBits
    /// `lineCount` kept as a stored value: the hot path reads it without an array's count.
    @usableFromInline let storedLineCount: Int
    @usableFromInline let driver: Driver
    @usableFromInline let request: GPIODriverHandle

    init(driver: Driver, request: GPIODriverHandle, chipLabel: String, lineNames: [String],
         initial: LineBits, safe: LineBits) {
        self.driver = driver
        self.request = request
        self.chipLabel = chipLabel
        self.lineNames = lineNames
        self.storedLineCount = lineNames.count
        self.drivenBits = initial
        self.safeLevels = safe
    }

    deinit {
        // Best effort: a failure here cannot be thrown, and releasing the lines anyway is still
        // the right thing (the kernel then keeps the last driven value on most chips).
        try? driver.setValues(request, to: safeLevels, lineCount: storedLineCount)
        driver.release(request)
    }

    @inlinable @inline(__always)
    public func set(line index: Int, to value: LineValue) throws(HardwareError) {
        guard UInt(bitPattern: index) < UInt(bitPattern: storedLineCount) else {
            throw indexOutOfRange(index)
        }
        // Direct bit arithmetic: clear the line's bit, then or in the new value.
        let bit = UInt64(1) << UInt64(index)
        let values = LineBits(rawValue: value.isActive ? drivenBits.rawValue | bit : drivenBits.rawValue & ~bit)
        do {
            try driver.setValues(request, to: values, lineCount: storedLineCount)
        } catch {
            throw writeFailure(error, lineIndex: index)
        }
        drivenBits = values
    }

    public func set(_ values: LineBits, mask: LineBits) throws(HardwareError) {
        let all = LineBits.all(lineCount).rawValue
        guard mask.rawValue & ~all == 0 else {
            throw HardwareError(.invalidRequest, operation: "set output lines", line: chipLabel,
                                detail: "mask \(mask) has bits beyond the request's \(lineCount) lines")
        }
        let merged = LineBits(rawValue: (drivenBits.rawValue & ~mask.rawValue) | (values.rawValue & mask.rawValue))
        try write(merged)
    }

    /// Drives every line to its safe level, in one call.
    public func driveSafe() throws(HardwareError) {
        try write(safeLevels)
    }

    /// One driver call for every line of the request.
    private func write(_ values: LineBits) throws(HardwareError) {
        do {
            try driver.setValues(request, to: values, lineCount: storedLineCount)
        } catch {
            throw writeFailure(error, lineIndex: nil)
        }
        drivenBits = values
    }

    /// The error for a line index outside the request; kept out of line (the cold path).
    @usableFromInline @inline(never)
    func indexOutOfRange(_ index: Int) -> HardwareError {
        HardwareError(.invalidRequest, operation: "set output line", line: chipLabel,
                      detail: "line index \(index) outside 0..<\(lineCount)")
    }

    /// The error for a failed driver call, naming the line (or every line of a bulk set); the
    /// names are joined only here, so a bulk set does not join them on every cycle.
    @usableFromInline @inline(never)
    func writeFailure(_ error: GPIODriverError, lineIndex: Int?) -> HardwareError {
        let lines = lineIndex.map { lineNames[$0] } ?? lineNames.joined(separator: ",")
        return HardwareError(error, line: "\(chipLabel):\(lines)")
    }
}
