public import HAL

/// The entry point of the Linux backend: finds lines by chip label and line name and requests them.
///
/// Chips are found by their label (as gpioinfo prints it) by opening each `/dev/gpiochip*` in turn,
/// never by a global line number or a chip index, which kernels renumber (Raspberry Pi, 6.6).
///
///     let gpio = LinuxGPIO(consumer: "qdot", driver: try LibgpiodDriver.load())
///     let outputs = try gpio.requestOutputs(chipLabel: "pinctrl-bcm2711",
///                                           lines: [OutputLineSpec(name: "GPIO17")])
///
/// Generic over the driver so that the output requests it makes (`LinuxOutputLine<Driver>`)
/// call the driver statically: `LinuxGPIO<LibgpiodDriver>` for real GPIO, a recording driver in tests.
public final class LinuxGPIO<Driver: GPIODriver> {
    /// The consumer name gpioinfo shows on the lines this process holds.
    public let consumer: String
    /// The driver every libgpiod and OS call goes through.
    public let driver: Driver

    /// A backend that requests lines under `consumer`, through `driver` (`LibgpiodDriver.load()`
    /// for real GPIO, a recording driver in tests).
    public init(consumer: String, driver: Driver) {
        self.consumer = consumer
        self.driver = driver
    }

    /// Requests `lines` of the chip labelled `chipLabel` as outputs, together, driven to their
    /// initial values. Lines that change together belong in one request: they are set in one call.
    ///
    /// Throws `noSuchChip` (listing the chips there are), `noSuchLine` (listing the chip's line
    /// names), `lineBusy` (naming the consumer that holds it) or `permissionDenied` (naming the
    /// device's group).
    public func requestOutputs(chipLabel: String, lines: [OutputLineSpec]) throws(HardwareError) -> LinuxOutputLine<Driver> {
        let chip = try locate(chipLabel: chipLabel, lineNames: lines.map(\.name))
        var initial = LineBits.none
        var safe = LineBits.none
        for (index, line) in lines.enumerated() {
            initial[index] = line.initial
            safe[index] = line.safe
        }
        let request: GPIODriverHandle
        do {
            request = try driver.requestOutputs(chipPath: chip.path, offsets: chip.offsets,
                                                activeLow: lines.map(\.activeLow), initial: initial,
                                                consumer: consumer)
        } catch {
            throw requestFailure(error, chip: chip)
        }
        return LinuxOutputLine(driver: driver, request: request, chipLabel: chipLabel,
                               lineNames: lines.map(\.name), initial: initial, safe: safe)
    }

    /// Requests `lines` of the chip labelled `chipLabel` as inputs with edge events, each with its
    /// polarity, bias, edges (`EdgeInputLineSpec.edges`: rising only for a click line, both for
    /// the interlock; lines of one request may differ) and event clock
    /// (`EdgeInputLineSpec.eventClock`, CLOCK_MONOTONIC by default).
    ///
    /// Throws the same errors as `requestOutputs`, and `unsupported` for an event clock qdot
    /// cannot use here: `.realtime` always (its stamps cannot be compared with CLOCK_MONOTONIC
    /// deadlines), anything but `.monotonic` on libgpiod 1.6, monotonic on libgpiod 1.6 under a
    /// kernel older than 5.7 (which stamps v1 events with CLOCK_REALTIME), and `.hardwareTimestampEngine`
    /// when the kernel refuses it (the chip has no engine; the error carries the kernel's errno).
    public func requestEdgeInputs(chipLabel: String, lines: [EdgeInputLineSpec]) throws(HardwareError) -> LinuxEdgeInput {
        let chip = try locate(chipLabel: chipLabel, lineNames: lines.map(\.name))
        try checkEventClocks(lines, chipLabel: chipLabel)
        // Before the request: the kernel stamps edges from the moment it grants the lines.
        let requestedAt = driver.monotonicNow()
        let request: GPIODriverHandle
        do {
            request = try driver.requestEdgeInputs(chipPath: chip.path, offsets: chip.offsets,
                                                   activeLow: lines.map(\.activeLow), bias: lines.map(\.bias),
                                                   edges: lines.map(\.edges), eventClocks: lines.map(\.eventClock),
                                                   consumer: consumer)
        } catch {
            throw eventClockFailure(error, lines: lines, chip: chip) ?? requestFailure(error, chip: chip)
        }
        return LinuxEdgeInput(driver: driver, request: request, chipLabel: chipLabel, lineNames: lines.map(\.name),
                              edges: lines.map(\.edges), eventClocks: lines.map(\.eventClock), requestedAt: requestedAt)
    }
}
