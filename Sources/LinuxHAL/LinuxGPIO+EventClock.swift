import Glibc
import HAL

extension LinuxGPIO {
    /// Refuses, before anything is requested, an event clock this libgpiod cannot give or qdot
    /// cannot compare with its CLOCK_MONOTONIC deadlines, and a kernel whose libgpiod 1.6 stamps
    /// are not CLOCK_MONOTONIC. Every refusal is `unsupported`, naming the lines, the clock asked
    /// for, the libgpiod and what to do.
    func checkEventClocks(_ lines: [EdgeInputLineSpec], chipLabel: String) throws(HardwareError) {
        let operation = "request edge-event lines"
        let version = "libgpiod \(driver.libraryVersion)"
        for clock in [EdgeEventClock.realtime, .hardwareTimestampEngine] {
            let asking = lines.filter { $0.eventClock == clock }.map(\.name)
            guard !asking.isEmpty else { continue }
            let asked = "the board asks for event clock \(clock.rawValue) (\(clock.displayName)) on \(asking.joined(separator: ", "))"
            let whereAsked = "\(chipLabel):\(asking.joined(separator: ","))"
            // Refused on every libgpiod (see EdgeEventClock): qdot's deadlines are CLOCK_MONOTONIC,
            // and the REALTIME - MONOTONIC offset jumps with every NTP step or settimeofday, so a
            // stamp cannot be converted exactly after the fact.
            if clock == .realtime {
                let library = driver.canChooseEventClock ? ""
                    : "; besides, \(version) (the kernel's GPIO uAPI v1) cannot choose an event clock at all"
                throw HardwareError(
                    .unsupported, operation: operation, line: whereAsked,
                    detail: "\(asked): qdot compares click timestamps with its CLOCK_MONOTONIC cycle deadlines, and "
                        + "CLOCK_REALTIME stamps cannot be converted to it exactly (their offset jumps with NTP steps "
                        + "and settimeofday)\(library). Ask for event clock monotonic"
                        + (driver.canChooseEventClock ? ", or hte where the chip has a hardware timestamping engine" : ""))
            }
            if !driver.canChooseEventClock {
                throw HardwareError(
                    .unsupported, operation: operation, line: whereAsked,
                    detail: "\(asked), but this qdot runs on \(version), whose API (the kernel's GPIO uAPI v1) "
                        + "cannot choose an event clock: the kernel stamps every edge with CLOCK_MONOTONIC. "
                        + "Install libgpiod 2.x (Debian package libgpiod3: bookworm-backports, trixie) and rebuild qdot "
                        + "against it, on a kernel with HTE support (Linux 5.19 or newer with CONFIG_HTE and a driver "
                        + "for the chip's engine); or ask for event clock monotonic")
            }
        }
        // libgpiod 1.6's v1 events were stamped with CLOCK_REALTIME before Linux 5.7 (the kernel
        // switched them to ktime_get_ns() then); such a kernel cannot give CLOCK_MONOTONIC stamps.
        // libgpiod 2.x needs the v2 uAPI (Linux 5.10), which honours the event clock it asks for.
        if !driver.canChooseEventClock, let release = Self.kernelVersion(driver.kernelRelease),
           release.major < 5 || (release.major == 5 && release.minor < 7) {
            throw HardwareError(
                .unsupported, operation: operation, line: "\(chipLabel):\(lines.map(\.name).joined(separator: ","))",
                detail: "kernel \(driver.kernelRelease) stamps the edge events of \(version) (the GPIO uAPI v1) with "
                    + "CLOCK_REALTIME (CLOCK_MONOTONIC only since Linux 5.7), and qdot compares them with CLOCK_MONOTONIC "
                    + "deadlines. Run a kernel 5.7 or newer (Debian 12 and Raspberry Pi OS bookworm ship 6.1)")
        }
    }

    /// The `HardwareError` for a request the kernel refused because of the hardware timestamping
    /// engine: nil when no line asked for it or the errno is not one the kernel gives for it
    /// (EOPNOTSUPP/ENOTSUP: built without CONFIG_HTE; ENODEV: no engine claims the line; EINVAL:
    /// the engine cannot stamp the line).
    func eventClockFailure(_ failure: GPIODriverError, lines: [EdgeInputLineSpec], chip: LocatedLines) -> HardwareError? {
        let asking = lines.filter { $0.eventClock == .hardwareTimestampEngine }.map(\.name)
        guard !asking.isEmpty else { return nil }
        let why: String
        switch failure.errno {
        case EOPNOTSUPP, ENOTSUP: why = "the kernel was built without CONFIG_HTE"
        case ENODEV: why = "no hardware timestamping engine driver claims these lines"
        case EINVAL: why = "the engine cannot stamp these lines, or the request is otherwise invalid"
        default: return nil
        }
        let message = String(cString: strerror(failure.errno))
        return HardwareError(
            .unsupported, operation: failure.operation, line: "\(chip.label):\(asking.joined(separator: ","))",
            errno: failure.errno,
            detail: "\(message): the kernel refused event clock hte on \(asking.joined(separator: ", ")): chip "
                + "\"\(chip.label)\" (\(chip.path)) has no hardware timestamping engine for them (\(why)). Ask for event "
                + "clock monotonic, or use a chip and kernel with HTE support (for example NVIDIA Tegra's always-on "
                + "GPIO controller with CONFIG_HTE_TEGRA194)")
    }

    /// The major and minor version at the start of a kernel release (`6.1.0-18-arm64` → 6, 1);
    /// nil when it does not start with them.
    static func kernelVersion(_ release: String) -> (major: Int, minor: Int)? {
        let parts = release.split(separator: ".", maxSplits: 2)
        guard parts.count >= 2, let major = Int(parts[0]),
              let minor = Int(parts[1].prefix { $0.isNumber }) else { return nil }
        return (major, minor)
    }
}
