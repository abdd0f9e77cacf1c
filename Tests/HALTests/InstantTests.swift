import HAL
import Testing

@Suite struct InstantTests {
    @Test func arithmeticIsInNanoseconds() {
        let start = Instant(nanoseconds: 1_000)
        #expect((start + .microseconds(2)).nanoseconds == 3_000)
        #expect((start - .nanoseconds(400)).nanoseconds == 600)
        #expect((Instant(nanoseconds: 5_500) - start) == .nanoseconds(4_500))
        #expect(TimeSpan.seconds(2).seconds == 2.0)
        #expect(TimeSpan.milliseconds(3) * 2 == .microseconds(6_000))
        #expect(-TimeSpan.microseconds(1) < .zero)
    }

    @Test func lineBitsSetAndReadSingleLines() {
        var bits = LineBits.none
        bits[3] = .active
        bits[0] = .active
        #expect(bits.rawValue == 0b1001)
        bits[3] = .inactive
        #expect(bits[0] == .active && bits[3] == .inactive)
        #expect(LineBits.all(4).rawValue == 0b1111)
        #expect(LineBits.all(64).rawValue == UInt64.max)
    }

    @Test func hardwareErrorSaysWhatWhereAndErrno() {
        let error = HardwareError(.lineBusy, operation: "gpiod_line_request_output", line: "pinctrl-bcm2711/GPIO17",
                                  errno: 16, detail: "held by consumer 'gpioset'")
        #expect(error.description
            == "gpiod_line_request_output failed on line pinctrl-bcm2711/GPIO17: lineBusy (errno 16) — held by consumer 'gpioset'")
    }
}
