import Glibc
public import HAL

extension HardwareError {
    /// The `HardwareError` for a failed driver call: its kind chosen from the errno, the OS's
    /// message and `advice` in the detail.
    ///
    /// EBUSY → line busy; EACCES, EPERM → permission denied; ENOENT, ENODEV, ENXIO → no such chip
    /// (the device is gone); ENOTTY, ENOSYS → backend unavailable (the kernel lacks the GPIO
    /// character-device ioctls); EINVAL, ERANGE, E2BIG → invalid request; anything else → I/O failure.
    public init(_ failure: GPIODriverError, line: String? = nil, advice: String = "") {
        let kind: Kind
        switch failure.errno {
        case EBUSY: kind = .lineBusy
        case EACCES, EPERM: kind = .permissionDenied
        case ENOENT, ENODEV, ENXIO: kind = .noSuchChip
        case ENOTTY, ENOSYS: kind = .backendUnavailable
        case EINVAL, ERANGE, E2BIG: kind = .invalidRequest
        default: kind = .ioFailure
        }
        let message = String(cString: strerror(failure.errno))
        self.init(kind, operation: failure.operation, line: line, errno: failure.errno,
                  detail: advice.isEmpty ? message : "\(message); \(advice)")
    }
}
