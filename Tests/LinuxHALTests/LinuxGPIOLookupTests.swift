import Glibc
import HAL
import LinuxHAL
import Testing

/// Finding lines by chip label and line name, and the errors when they are not there.
@Suite struct LinuxGPIOLookupTests {
    static func station() -> RecordingGPIODriver {
        RecordingGPIODriver(chips: [
            .init(path: "/dev/gpiochip0", label: "pinctrl-bcm2711", lines: [
                .init(name: "ID_SDA", consumer: nil), .init(name: "GPIO17", consumer: nil),
                .init(name: "GPIO27", consumer: "spi0 CS0"), .init(name: "", consumer: nil),
                .init(name: "GPIO22", consumer: nil),
            ]),
            .init(path: "/dev/gpiochip1", label: "raspberrypi-exp-gpio", lines: [
                .init(name: "BT_ON", consumer: nil), .init(name: "GPIO17", consumer: nil),
            ]),
        ])
    }

    @Test func findsLinesByChipLabelAndNameInRequestOrder() throws {
        let driver = Self.station()
        let gpio = LinuxGPIO(consumer: "qdot", driver: driver)
        let outputs = try gpio.requestOutputs(chipLabel: "pinctrl-bcm2711",
                                              lines: [.init(name: "GPIO22"), .init(name: "GPIO17", activeLow: true)])
        #expect(driver.log.first == "request outputs /dev/gpiochip0 [4, 1] activeLow [false, true] initial 0b0 as qdot → #2")
        #expect(outputs.lineNames == ["GPIO22", "GPIO17"])
        #expect(driver.openChipCount == 0, "every chip opened for lookup is closed again")
    }

    @Test func missingChipListsTheChipsThatExist() {
        let gpio = LinuxGPIO(consumer: "qdot", driver: Self.station())
        let error = #expect(throws: HardwareError.self) {
            try gpio.requestOutputs(chipLabel: "pinctrl-rp1", lines: [.init(name: "GPIO17")])
        }
        #expect(error?.kind == .noSuchChip && error?.line == "pinctrl-rp1")
        #expect(error?.detail.contains(#"/dev/gpiochip0 "pinctrl-bcm2711" (5 lines)"#) == true)
        #expect(error?.detail.contains(#"/dev/gpiochip1 "raspberrypi-exp-gpio" (2 lines)"#) == true)
    }

    @Test func machineWithoutGPIOSaysSo() {
        let gpio = LinuxGPIO(consumer: "qdot", driver: RecordingGPIODriver(chips: []))
        let error = #expect(throws: HardwareError.self) {
            try gpio.requestEdgeInputs(chipLabel: "qdot-sim", lines: [.init(name: "CLICK_A_PLUS")])
        }
        #expect(error?.kind == .noSuchChip)
        #expect(error?.detail.contains("no GPIO chips on this machine") == true)
    }

    @Test func missingLineListsTheChipsNamedLines() {
        let gpio = LinuxGPIO(consumer: "qdot", driver: Self.station())
        let error = #expect(throws: HardwareError.self) {
            try gpio.requestOutputs(chipLabel: "pinctrl-bcm2711", lines: [.init(name: "GPIO17"), .init(name: "GPIO99")])
        }
        #expect(error?.kind == .noSuchLine && error?.line == "pinctrl-bcm2711:GPIO99")
        #expect(error?.detail.hasSuffix("its lines are: ID_SDA, GPIO17, GPIO27, GPIO22") == true)
    }

    @Test func lineNamedTwiceInOneRequestIsRefused() {
        let driver = Self.station()
        let gpio = LinuxGPIO(consumer: "qdot", driver: driver)
        let error = #expect(throws: HardwareError.self) {
            try gpio.requestOutputs(chipLabel: "pinctrl-bcm2711", lines: [.init(name: "GPIO17"), .init(name: "GPIO17")])
        }
        #expect(error?.kind == .invalidRequest)
        #expect(driver.log.isEmpty, "nothing was requested")
    }

    @Test func busyLineNamesItsConsumer() {
        let driver = Self.station()
        driver.requestFailure = EBUSY
        let gpio = LinuxGPIO(consumer: "qdot", driver: driver)
        let error = #expect(throws: HardwareError.self) {
            try gpio.requestOutputs(chipLabel: "pinctrl-bcm2711", lines: [.init(name: "GPIO17"), .init(name: "GPIO27")])
        }
        #expect(error?.kind == .lineBusy && error?.errno == EBUSY)
        #expect(error?.detail.contains(#"GPIO27 is held by "spi0 CS0""#) == true)
        #expect(error?.detail.contains("GPIO17 is held") == false)
    }

    @Test func unopenableChipsGivePermissionDeniedNamingTheGroup() {
        let driver = Self.station()
        driver.deniedPaths = ["/dev/gpiochip0", "/dev/gpiochip1"]
        let gpio = LinuxGPIO(consumer: "qdot", driver: driver)
        let error = #expect(throws: HardwareError.self) {
            try gpio.requestOutputs(chipLabel: "pinctrl-bcm2711", lines: [.init(name: "GPIO17")])
        }
        #expect(error?.kind == .permissionDenied)
        #expect(error?.detail.contains("/dev/gpiochip0 is owned by root:gpio") == true)
        #expect(error?.detail.contains("usermod -aG gpio") == true)
    }

    @Test func permissionDeniedOnRequestNamesTheDevicesGroup() {
        let driver = Self.station()
        driver.requestFailure = EACCES
        let gpio = LinuxGPIO(consumer: "qdot", driver: driver)
        let error = #expect(throws: HardwareError.self) {
            try gpio.requestEdgeInputs(chipLabel: "raspberrypi-exp-gpio", lines: [.init(name: "BT_ON")])
        }
        #expect(error?.kind == .permissionDenied)
        #expect(error?.detail.contains("/dev/gpiochip1 is owned by root:gpio") == true)
    }
}
