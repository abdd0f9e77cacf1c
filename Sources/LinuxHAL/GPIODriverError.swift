/// A failed driver call: which libgpiod or OS call, and the errno it left.
///
/// The raw material of a `HardwareError`; `LinuxGPIO` adds the line and the advice.
public struct GPIODriverError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The libgpiod or OS call that failed (for example `gpiod_chip_open`).
    public var operation: String
    /// The errno it left.
    public var errno: Int32

    /// A failed call.
    public init(operation: String, errno: Int32) {
        self.operation = operation
        self.errno = errno
    }

    public var description: String { "\(operation): errno \(errno)" }
}
