import Glibc
import HAL
import LinuxHAL
import Testing

/// The clock click edges are stamped with: asked for per line on libgpiod 2.x, refused with a
/// message where the library, the kernel or qdot's CLOCK_MONOTONIC deadlines cannot take it.
@Suite struct EdgeEventClockTests {
    static func driver(libgpiod2: Bool) -> RecordingGPIODriver {
        RecordingGPIODriver(chips: [.init(path: "/dev/gpiochip0", label: "tegra234-gpio-aon", lines: [
            .init(name: "CLICK_A_PLUS", consumer: nil), .init(name: "CLICK_A_MINUS", consumer: nil),
            .init(name: "INTERLOCK", consumer: nil),
        ])], providesLineSequenceNumbers: libgpiod2)
    }

    static func clicks(_ clock: EdgeEventClock) -> [EdgeInputLineSpec] {
        [.init(name: "CLICK_A_PLUS", eventClock: clock), .init(name: "CLICK_A_MINUS", eventClock: clock)]
    }

    static func request(_ driver: RecordingGPIODriver, _ lines: [EdgeInputLineSpec]) throws(HardwareError) -> LinuxEdgeInput {
        try LinuxGPIO(consumer: "qdot", driver: driver).requestEdgeInputs(chipLabel: "tegra234-gpio-aon", lines: lines)
    }

    // ---- libgpiod 2.x: the clock goes to the driver, line by line --------------------------------------

    @Test(arguments: [EdgeEventClock.monotonic, .hardwareTimestampEngine])
    func libgpiod2SetsTheClockOnEveryInputLineOfTheRequest(clock: EdgeEventClock) throws {
        let driver = Self.driver(libgpiod2: true)
        let input = try Self.request(driver, Self.clicks(clock))
        #expect(driver.requestedEventClocks == [[clock, clock]])
        #expect(input.eventClocks == [clock, clock])
        #expect(driver.log.first == "request inputs /dev/gpiochip0 [0, 1] bias [\"as-is\", \"as-is\"] edges [\"both\", \"both\"] "
            + "clock [\"\(clock.rawValue)\", \"\(clock.rawValue)\"] as qdot → #2")
    }

    @Test func theDefaultIsMonotonicAndLinesOfOneRequestMayDiffer() throws {
        let driver = Self.driver(libgpiod2: true)
        _ = try Self.request(driver, [.init(name: "CLICK_A_PLUS", eventClock: .hardwareTimestampEngine),
                                      .init(name: "INTERLOCK", activeLow: true)])
        #expect(driver.requestedEventClocks == [[.hardwareTimestampEngine, .monotonic]])
    }

    @Test func realtimeIsRefusedOnLibgpiod2BecauseItCannotBeComparedWithTheDeadlines() {
        let driver = Self.driver(libgpiod2: true)
        let failure = #expect(throws: HardwareError.self) { try Self.request(driver, Self.clicks(.realtime)) }
        #expect(failure?.kind == .unsupported)
        #expect(failure?.line == "tegra234-gpio-aon:CLICK_A_PLUS,CLICK_A_MINUS")
        #expect(failure?.detail.contains("the board asks for event clock realtime (CLOCK_REALTIME) on CLICK_A_PLUS, CLICK_A_MINUS") == true)
        #expect(failure?.detail.contains("CLOCK_MONOTONIC cycle deadlines") == true)
        #expect(failure?.detail.contains("NTP") == true)
        #expect(failure?.detail.contains("Ask for event clock monotonic, or hte") == true)
        #expect(driver.requestedEventClocks.isEmpty, "refused before anything was requested")
    }

    // ---- libgpiod 1.6: no choice ------------------------------------------------------------------------

    @Test func libgpiod16RefusesTheHardwareTimestampingEngineNamingVersionAndRemedy() {
        let driver = Self.driver(libgpiod2: false)
        let failure = #expect(throws: HardwareError.self) { try Self.request(driver, Self.clicks(.hardwareTimestampEngine)) }
        #expect(failure?.kind == .unsupported)
        #expect(failure?.errno == nil, "qdot refuses it; the kernel was never asked")
        #expect(failure?.line == "tegra234-gpio-aon:CLICK_A_PLUS,CLICK_A_MINUS")
        let detail = failure?.detail ?? ""
        #expect(detail.contains("the board asks for event clock hte (the hardware timestamping engine (HTE)) on CLICK_A_PLUS, CLICK_A_MINUS"))
        #expect(detail.contains("this qdot runs on libgpiod 1.6.3"))
        #expect(detail.contains("cannot choose an event clock"))
        #expect(detail.contains("Install libgpiod 2.x (Debian package libgpiod3"))
        #expect(detail.contains("a kernel with HTE support"))
        #expect(driver.requestedEventClocks.isEmpty)
    }

    @Test func libgpiod16RefusesRealtimeWithTheSameMessage() {
        let driver = Self.driver(libgpiod2: false)
        let failure = #expect(throws: HardwareError.self) { try Self.request(driver, Self.clicks(.realtime)) }
        #expect(failure?.kind == .unsupported)
        let detail = failure?.detail ?? ""
        #expect(detail.contains("the board asks for event clock realtime (CLOCK_REALTIME) on CLICK_A_PLUS, CLICK_A_MINUS"))
        #expect(detail.contains("libgpiod 1.6.3 (the kernel's GPIO uAPI v1) cannot choose an event clock"))
        #expect(detail.contains("Ask for event clock monotonic") && !detail.contains("or hte"))
        #expect(driver.requestedEventClocks.isEmpty)
    }

    @Test func libgpiod16TakesMonotonic() throws {
        let driver = Self.driver(libgpiod2: false)
        let input = try Self.request(driver, Self.clicks(.monotonic))
        #expect(driver.requestedEventClocks == [[.monotonic, .monotonic]])
        #expect(input.eventClocks == [.monotonic, .monotonic])
    }

    /// Before Linux 5.7 the v1 uAPI stamped edges with CLOCK_REALTIME (ktime_get_real_ns).
    @Test(arguments: [("5.4.0-150-generic", false), ("4.19.0-27-armmp", false), ("5.7.0", true),
                      ("5.10.0-28-arm64", true), ("6.12.9+rpt-rpi-v8", true), ("unparsable", true)])
    func libgpiod16RefusesAKernelThatStampsV1EventsOnRealtime(release: String, accepted: Bool) {
        let driver = Self.driver(libgpiod2: false)
        driver.kernelRelease = release
        if accepted {
            #expect(throws: Never.self) { try Self.request(driver, Self.clicks(.monotonic)) }
        } else {
            let failure = #expect(throws: HardwareError.self) { try Self.request(driver, Self.clicks(.monotonic)) }
            #expect(failure?.kind == .unsupported)
            #expect(failure?.detail.contains("kernel \(release) stamps the edge events of libgpiod 1.6.3") == true)
            #expect(failure?.detail.contains("CLOCK_MONOTONIC only since Linux 5.7") == true)
            #expect(driver.requestedEventClocks.isEmpty)
        }
    }

    @Test func libgpiod2DoesNotCareAboutTheV1KernelHistory() throws {
        let driver = Self.driver(libgpiod2: true)
        driver.kernelRelease = "5.4.0"   // libgpiod 2.x would not even run there (no uAPI v2); its own error says so
        _ = try Self.request(driver, Self.clicks(.monotonic))
        #expect(driver.requestedEventClocks.count == 1)
    }

    // ---- the kernel's refusal ---------------------------------------------------------------------------

    @Test(arguments: [(EOPNOTSUPP, "built without CONFIG_HTE"), (ENODEV, "no hardware timestamping engine driver claims"),
                      (EINVAL, "the engine cannot stamp these lines")])
    func theKernelsRefusalOfTheEngineIsReportedWithItsErrno(errno: Int32, why: String) {
        let driver = Self.driver(libgpiod2: true)
        driver.requestFailure = errno
        let failure = #expect(throws: HardwareError.self) { try Self.request(driver, Self.clicks(.hardwareTimestampEngine)) }
        #expect(failure?.kind == .unsupported)
        #expect(failure?.errno == errno)
        #expect(failure?.operation == "gpiod request of edge-event lines")
        let detail = failure?.detail ?? ""
        #expect(detail.hasPrefix(String(cString: strerror(errno)) + ": the kernel refused event clock hte on CLICK_A_PLUS, CLICK_A_MINUS"))
        #expect(detail.contains("chip \"tegra234-gpio-aon\" (/dev/gpiochip0) has no hardware timestamping engine for them"))
        #expect(detail.contains(why))
        #expect(failure?.description.contains("(errno \(errno))") == true)
    }

    @Test func otherFailuresOfAnEngineRequestKeepTheirKind() {
        let driver = Self.driver(libgpiod2: true)
        driver.requestFailure = EBUSY
        let failure = #expect(throws: HardwareError.self) { try Self.request(driver, Self.clicks(.hardwareTimestampEngine)) }
        #expect(failure?.kind == .lineBusy)
    }

    @Test func eopnotsuppWithoutTheEngineIsNotBlamedOnIt() {
        let driver = Self.driver(libgpiod2: true)
        driver.requestFailure = EOPNOTSUPP
        let failure = #expect(throws: HardwareError.self) { try Self.request(driver, Self.clicks(.monotonic)) }
        #expect(failure?.kind == .ioFailure)
        #expect(failure?.detail.contains("timestamping") == false)
    }

    // ---- engine stamps on another timebase --------------------------------------------------------------

    static func read(_ input: LinuxEdgeInput) throws(HardwareError) -> Int {
        var storage = [EdgeEvent](repeating: EdgeEvent(kind: .rising, timestamp: Instant(nanoseconds: 0), line: 0, lineSequence: 0),
                                  count: 8)
        return try storage.withUnsafeMutableBufferPointer { buffer throws(HardwareError) in try input.readEdges(into: buffer) }
    }

    /// The recording driver's CLOCK_MONOTONIC reads 1.000000 s at the request and 1 µs more per reading.
    @Test(arguments: [(Int64(1_000_000_500), true), (Int64(9_000_000_000), false), (Int64(500), false)])
    func engineStampsMustLieBetweenTheRequestAndTheRead(stamp: Int64, accepted: Bool) throws {
        let driver = Self.driver(libgpiod2: true)
        let input = try Self.request(driver, Self.clicks(.hardwareTimestampEngine))
        driver.pendingEdges[GPIODriverHandle(rawValue: 2)] = [
            EdgeEvent(kind: .rising, timestamp: Instant(nanoseconds: stamp), line: 1, lineSequence: 1)]
        if accepted {
            #expect(try Self.read(input) == 1)
        } else {
            let failure = #expect(throws: HardwareError.self) { try Self.read(input) }
            #expect(failure?.kind == .unsupported)
            #expect(failure?.line == "tegra234-gpio-aon:CLICK_A_MINUS")
            #expect(failure?.detail.contains("the engine's timebase is not CLOCK_MONOTONIC") == true)
        }
    }

    @Test func monotonicStampsAreNotChecked() throws {
        let driver = Self.driver(libgpiod2: true)
        let input = try Self.request(driver, Self.clicks(.monotonic))
        driver.pendingEdges[GPIODriverHandle(rawValue: 2)] = [
            EdgeEvent(kind: .rising, timestamp: Instant(nanoseconds: 500), line: 0, lineSequence: 1)]
        #expect(try Self.read(input) == 1)
    }
}
