import Records
import Boards
import Composition
import Firmware
import Foundation
import Glibc
import HAL
import LinuxHAL
import Testing

/// The Linux composition root on a scripted chip: how a lab board file becomes requests, and
/// that every way out leaves the outputs at their safe levels before the lines are released.
@Suite struct LinuxStationBuilderTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func raspberryPi4() throws -> BoardDefinition {
        try BoardDefinition.load(contentsOf: repository.appendingPathComponent("Board/raspberry-pi-4.board.toml").path)
    }

    /// A BCM2711 header chip: lines GPIO0 … GPIO57 at offsets 0 … 57, as gpioinfo shows them.
    static func bcm2711() -> ScriptedGPIODriver {
        ScriptedGPIODriver(chipLabel: "pinctrl-bcm2711", lineNames: (0..<58).map { "GPIO\($0)" })
    }

    @Test func piFourOutputsAreOneRequestAndInputsAnotherInRoleOrder() throws {
        let driver = Self.bcm2711()
        do {
            let station = try LinuxStationBuilder(definition: try Self.raspberryPi4(), driver: driver)
            #expect(station.outputRequests.count == 1 && station.inputRequests.count == 1)
            #expect(station.outputRequests[0].lineNames == ["GPIO17", "GPIO27", "GPIO22", "GPIO23", "GPIO24", "GPIO25", "GPIO26"])
            #expect(station.lines.trigger.index == 0 && station.lines.gates.map(\.index) == [1])
            #expect(station.lines.basisA.map(\.index) == [2, 3] && station.lines.basisB.map(\.index) == [4, 5])
            #expect(station.lines.clicks.map(\.index) == [0, 1, 2, 3] && station.lines.interlock.index == 4)
        }
        // Trigger, gate, basis A0/A1, B0/B1, status; clicks A+ A- B+ B-, interlock (active-low, pull-up).
        #expect(driver.log == [
            "outputs #101 [17, 27, 22, 23, 24, 25, 26] initial 0b0 as qdot",
            "inputs #102 [5, 6, 12, 13, 16] activeLow [0, 0, 0, 0, 1] bias disabled,disabled,disabled,disabled,pull-up edges rising,rising,rising,rising,both "
                + "clock monotonic,monotonic,monotonic,monotonic,monotonic",
            "set #101 0b0",      // released: outputs safe first …
            "release #101",      // … then the lines let go
            "release #102",
        ])
    }

    @Test func aFailedInputRequestStillLeavesTheOutputsSafeAndReleased() throws {
        let driver = Self.bcm2711()
        driver.edgeRequestFailure = EBUSY
        driver.consumerOfLines = "pigpiod"
        let error = #expect(throws: StationBuildError.self) {
            try LinuxStationBuilder(definition: try Self.raspberryPi4(), driver: driver)
        }
        if case let .hardware(failure)? = error {
            #expect(failure.kind == .lineBusy)
            #expect(failure.detail.contains("GPIO5 is held by \"pigpiod\""))
        } else {
            Issue.record("not a hardware error: \(String(describing: error))")
        }
        #expect(driver.log == ["outputs #101 [17, 27, 22, 23, 24, 25, 26] initial 0b0 as qdot", "set #101 0b0", "release #101"])
    }

    @Test func openInterlockRefusesToArmAndFiresNothing() throws {
        let driver = Self.bcm2711()
        driver.inputLevel = .inactive
        let request = HardwareRun.Request(board: try Self.raspberryPi4(), schedule: CycleSchedule.plainTwoSettings(cycles: 10))
        let error = #expect(throws: HardwareRunError.self) { try HardwareRun.run(request, driver: driver) }
        if case let .notArmed(state)? = error {
            #expect(state.contains("interlock open"))
        } else {
            Issue.record("not a refusal to arm: \(String(describing: error))")
        }
        // Only safe-level writes (all zero) ever reached the chip: the trigger never fired.
        #expect(driver.log.filter { $0.hasPrefix("set") }.allSatisfy { $0 == "set #101 0b0" })
        #expect(driver.log.suffix(2) == ["release #101", "release #102"])
    }

    @Test func shortRunOnTheRealClockCompletesAndRecordsItsSetup() throws {
        let driver = Self.bcm2711()
        let request = HardwareRun.Request(board: try Self.raspberryPi4(), schedule: CycleSchedule.plainTwoSettings(cycles: 40),
                                          priority: 0)   // out of range on purpose: a warning, not a failure
        let run = try HardwareRun.run(request, driver: driver)
        #expect(run.report.complete && run.report.cyclesRun == 40)
        #expect(run.record.fifoPriority == nil && run.record.libgpiodVersion == nil && run.record.lostEdgesExact)
        #expect(run.record.warnings.contains { $0.contains("SCHED_FIFO priority 0 is outside") })
        // 40 trigger pulses: trigger is bit 0 of request #101, so 40 writes set it and the run ends safe.
        let sets = driver.log.filter { $0.hasPrefix("set #101") }
        #expect(sets.filter { $0.hasSuffix("1") }.count >= 40)
        #expect(driver.log.suffix(3) == ["set #101 0b0", "release #101", "release #102"])
        let json = try ResultDocument(kind: .hardware, board: .init(name: "raspberry-pi-4", file: "x", backend: .linux, timingProfile: nil),
                                      seed: 1, schedule: request.schedule, report: run.report,
                                      wallClock: .init(seconds: run.wallSeconds, speedVersusRealTime: 1, cyclesPerSecond: 1),
                                      hardware: run.record).jsonData()
        let object = try JSONObject.decode(json)
        #expect((object["hardware"] as? [String: Any])?["busyWaitTailNanoseconds"] as? Int == 0)
        #expect((object["hardware"] as? [String: Any])?["clickEventClock"] as? String == "monotonic")
    }

    @Test func theClickClockGoesToTheFourClickLinesAndTheInterlockStaysMonotonic() throws {
        let driver = Self.bcm2711()
        do {
            let station = try LinuxStationBuilder(definition: try Self.raspberryPi4(), clickEventClock: .hardwareTimestampEngine,
                                                  driver: driver)
            #expect(station.clickEventClock == .hardwareTimestampEngine)
            #expect(station.inputRequests[0].eventClocks == [.hardwareTimestampEngine, .hardwareTimestampEngine,
                                                             .hardwareTimestampEngine, .hardwareTimestampEngine, .monotonic])
        }
        #expect(driver.log[1].hasSuffix("clock hte,hte,hte,hte,monotonic"))
    }

    /// A board file with `[clicks] timestamps = "hte"` runs with its click lines on the hardware
    /// engine's clock, and the record says so; the kernel's stamps stay on CLOCK_MONOTONIC.
    @Test func theBoardFilesClickTimestampsChooseTheEventClock() throws {
        var board = try Self.raspberryPi4()
        board.clicks.timestamps = .hardwareEngine(tick: .nanoseconds(32))
        let driver = Self.bcm2711()
        let run = try HardwareRun.run(HardwareRun.Request(board: board, schedule: CycleSchedule.plainTwoSettings(cycles: 4)),
                                      driver: driver)
        #expect(run.record.clickEventClock == .hte)
        #expect(driver.log.contains { $0.hasSuffix("clock hte,hte,hte,hte,monotonic") }, "\(driver.log)")
        board.clicks.timestamps = .kernelInterrupt
        let kernel = try HardwareRun.run(HardwareRun.Request(board: board, schedule: CycleSchedule.plainTwoSettings(cycles: 4)),
                                         driver: Self.bcm2711())
        #expect(kernel.record.clickEventClock == .monotonic)
    }
}
