import Glibc
import HAL
import LinuxHAL
import Testing

/// Output requests: one driver call per set, shadow values, safe level before release.
@Suite struct LinuxOutputLineTests {
    static func gpio() -> (LinuxGPIO<RecordingGPIODriver>, RecordingGPIODriver) {
        let driver = RecordingGPIODriver(chips: [.init(path: "/dev/gpiochip0", label: "qdot-sim", lines: [
            .init(name: "TRIGGER", consumer: nil), .init(name: "GATE", consumer: nil),
            .init(name: "BASIS_A_0", consumer: nil), .init(name: "STATUS", consumer: nil),
        ])])
        return (LinuxGPIO(consumer: "qdot", driver: driver), driver)
    }

    @Test func bulkSetIsOneCallAndKeepsUnmaskedLines() throws {
        let (gpio, driver) = Self.gpio()
        let lines = try gpio.requestOutputs(chipLabel: "qdot-sim", lines: [
            .init(name: "TRIGGER"), .init(name: "GATE"), .init(name: "BASIS_A_0", initial: .active),
        ])
        #expect(lines.driven == LineBits(rawValue: 0b100))
        try lines.set(LineBits(rawValue: 0b011), mask: LineBits(rawValue: 0b001))
        try lines.set(line: 1, to: .active)
        #expect(lines.driven == LineBits(rawValue: 0b111))
        #expect(driver.log.dropFirst().map { $0 } == ["set #2 0b101 (3 lines)", "set #2 0b111 (3 lines)"])
    }

    @Test func safeLevelIsDrivenBeforeRelease() throws {
        let (gpio, driver) = Self.gpio()
        do {
            let lines = try gpio.requestOutputs(chipLabel: "qdot-sim", lines: [
                .init(name: "TRIGGER"), .init(name: "STATUS", activeLow: true, safe: .active),
            ])
            try lines.setAll(LineBits(rawValue: 0b01))
        }
        #expect(driver.log == [
            "request outputs /dev/gpiochip0 [0, 3] activeLow [false, true] initial 0b0 as qdot → #2",
            "set #2 0b1 (2 lines)",
            "set #2 0b10 (2 lines)",
            "release #2",
        ])
    }

    @Test func failedSetKeepsTheShadowAndNamesTheLine() throws {
        let (gpio, driver) = Self.gpio()
        let lines = try gpio.requestOutputs(chipLabel: "qdot-sim", lines: [.init(name: "TRIGGER"), .init(name: "GATE")])
        driver.setFailure = EIO
        let error = #expect(throws: HardwareError.self) { try lines.set(line: 1, to: .active) }
        #expect(error?.kind == .ioFailure && error?.line == "qdot-sim:GATE" && error?.errno == EIO)
        #expect(lines.driven == .none)
        driver.setFailure = nil
    }

    @Test func badIndexAndMaskAreRefused() throws {
        let (gpio, _) = Self.gpio()
        let lines = try gpio.requestOutputs(chipLabel: "qdot-sim", lines: [.init(name: "TRIGGER")])
        #expect(#expect(throws: HardwareError.self) { try lines.set(line: 1, to: .active) }?.kind == .invalidRequest)
        #expect(#expect(throws: HardwareError.self) { try lines.set(.none, mask: LineBits(rawValue: 0b10)) }?.kind == .invalidRequest)
    }
}
