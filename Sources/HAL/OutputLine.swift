/// Output lines requested together from one chip: the trigger, the gates, the basis selects.
///
/// A request holds one or more lines; line `i` is the `i`-th line named in the request. Lines
/// that change together (both analyzers' basis bits, say) are set in one call, which the Linux
/// backend turns into a single ioctl. Every call can fail with a `HardwareError`.
public protocol OutputLine: AnyObject {
    /// How many lines this request holds.
    var lineCount: Int { get }

    /// Each line's name as the board names it, for errors and traces.
    var lineNames: [String] { get }

    /// Drives line `index` to `value`.
    func set(line index: Int, to value: LineValue) throws(HardwareError)

    /// Drives every line whose bit is set in `mask` to its bit in `values`, in one operation;
    /// lines outside `mask` keep their value.
    func set(_ values: LineBits, mask: LineBits) throws(HardwareError)

    /// The value each line was last driven to (the request's own shadow, not a read-back).
    var driven: LineBits { get }
}

extension OutputLine {
    /// Drives line `index` to `value` through the bulk write: the default for requests that have
    /// no faster single-line write (test wrappers around a backend's request, say).
    public func set(line index: Int, to value: LineValue) throws(HardwareError) {
        var values = LineBits.none
        values[index] = value
        try set(values, mask: LineBits(rawValue: 1 << UInt64(index)))
    }

    /// Drives the request's only (or first) line to `value`.
    @inlinable public func set(_ value: LineValue) throws(HardwareError) {
        try set(line: 0, to: value)
    }

    /// Drives all lines of the request to `values` in one operation.
    @inlinable public func setAll(_ values: LineBits) throws(HardwareError) {
        try set(values, mask: .all(lineCount))
    }
}
