import Glibc
import HAL
import LinuxHAL
import Testing

/// The errno → `HardwareError.Kind` mapping.
@Suite struct HardwareErrorErrnoTests {
    @Test(arguments: [
        (EBUSY, HardwareError.Kind.lineBusy), (EACCES, .permissionDenied), (EPERM, .permissionDenied),
        (ENOENT, .noSuchChip), (ENODEV, .noSuchChip), (ENXIO, .noSuchChip), (ENOTTY, .backendUnavailable),
        (ENOSYS, .backendUnavailable), (EINVAL, .invalidRequest), (E2BIG, .invalidRequest),
        (EIO, .ioFailure), (ENOMEM, .ioFailure),
    ])
    func errnoMapsToKind(errno: Int32, kind: HardwareError.Kind) {
        let error = HardwareError(GPIODriverError(operation: "gpiod_chip_open", errno: errno), line: "chip:LINE")
        #expect(error.kind == kind)
        #expect(error.errno == errno)
        #expect(error.operation == "gpiod_chip_open")
        #expect(error.line == "chip:LINE")
        #expect(error.detail == String(cString: strerror(errno)), "the OS's message is kept")
    }

    @Test func adviceFollowsTheOSMessage() {
        let error = HardwareError(GPIODriverError(operation: "x", errno: EBUSY), advice: "GPIO17 is held by \"gpioset\"")
        #expect(error.detail == "Device or resource busy; GPIO17 is held by \"gpioset\"")
    }
}
