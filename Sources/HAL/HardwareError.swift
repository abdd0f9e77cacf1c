/// A hardware operation that failed: what was tried, on which line, and the OS error.
///
/// Errors are values: every fallible HAL call throws one and the firmware turns it into a fault
/// with the outputs driven safe. Nothing in the HAL or its backends calls `fatalError`.
public struct HardwareError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The broad class of failure, for code that must react differently to each.
    public enum Kind: String, Sendable, Hashable {
        /// The chip (by label) does not exist on this machine.
        case noSuchChip
        /// The chip exists but has no line of that name.
        case noSuchLine
        /// Another consumer holds the line.
        case lineBusy
        /// The process may not open the chip or use the line.
        case permissionDenied
        /// The request was malformed (an index out of range, a line of the wrong direction).
        case invalidRequest
        /// The backend's library or driver is missing at run time.
        case backendUnavailable
        /// The backend, its library or the chip cannot do what the board asks (an edge timestamp
        /// clock libgpiod 1.6 cannot choose, a chip without a hardware timestamping engine).
        case unsupported
        /// Any other failure of the I/O call itself.
        case ioFailure
    }

    /// The broad class of failure.
    public var kind: Kind
    /// What was being done, in the backend's words (for example `gpiod_line_request_output`).
    public var operation: String
    /// The line involved, as the board names it (chip label and line name), when there is one.
    public var line: String?
    /// The OS error number, when the failure came from the OS.
    public var errno: Int32?
    /// Anything else that helps: the OS's message, which consumer holds a busy line, which lines
    /// a chip does have.
    public var detail: String

    /// A hardware error.
    public init(_ kind: Kind, operation: String, line: String? = nil, errno: Int32? = nil, detail: String = "") {
        self.kind = kind
        self.operation = operation
        self.line = line
        self.errno = errno
        self.detail = detail
    }

    public var description: String {
        var text = "\(operation) failed"
        if let line { text += " on line \(line)" }
        text += ": \(kind.rawValue)"
        if let errno { text += " (errno \(errno))" }
        if !detail.isEmpty { text += " — \(detail)" }
        return text
    }
}
