import Boards
import Composition
import Foundation
import HAL
import LinuxHAL
import Testing
import TimingMeasurement

/// The loopback bench on libgpiod, on a scripted BCM2711 chip: the loopback line is requested on
/// its own, for both edges (the measurement times the trigger's rise and its fall), on the clicks' clock; a closed interlock keeps the trigger still; a missing jumper is
/// named, and the trigger ends safe before the lines are released.
@Suite struct LinuxLoopbackBenchTests {
    @Test func aClosedInterlockLeavesTheTriggerStill() throws {
        let driver = LinuxStationBuilderTests.bcm2711()   // every input reads active: the interlock is closed
        do {
            let linux = try LinuxLoopbackBench(definition: try LinuxStationBuilderTests.raspberryPi4(), driver: driver)
            #expect(linux.loopbackRequest.lineNames == ["GPIO18"] && linux.loopbackRequest.eventClocks == [.monotonic])
            let error = #expect(throws: LoopbackError.self) {
                try LoopbackMeasurement.run(on: linux.bench, plan: LoopbackPlan(cycles: 10, edgeTimeout: .milliseconds(5)))
            }
            #expect(error == .interlockClosed(interlock: "pinctrl-bcm2711/GPIO16"))
        }
        // The station's requests as `qdot run` makes them, the loopback line on its own; only safe-level
        // writes (the trigger is bit 0 of #101); outputs safe before the release.
        #expect(driver.log.dropFirst(2) == [
            "inputs #103 [18] activeLow [0] bias pull-down edges both clock monotonic",
            "set #101 0b0", "set #101 0b0", "release #101", "release #103", "release #102",
        ], "\(driver.log)")
    }

    @Test func aMissingJumperIsNamedAndTheTriggerEndsSafe() throws {
        let driver = LinuxStationBuilderTests.bcm2711()
        driver.inputLevel = .inactive   // the interlock is open; the scripted chip never reports an edge
        do {
            let linux = try LinuxLoopbackBench(definition: try LinuxStationBuilderTests.raspberryPi4(), driver: driver)
            let error = #expect(throws: LoopbackError.self) {
                try LoopbackMeasurement.run(on: linux.bench, plan: LoopbackPlan(cycles: 10, edgeTimeout: .milliseconds(5)))
            }
            #expect(error?.description == "no edge on pinctrl-bcm2711/GPIO18 within 5 ms of driving pinctrl-bcm2711/GPIO17 "
                + "active: is the trigger wired to it?")
        }
        // The trigger (bit 0 of the output request) went active once, back to safe, and the lines were released.
        let sets = driver.log.filter { $0.hasPrefix("set") }
        #expect(sets.contains("set #101 0b1") && sets.last == "set #101 0b0", "\(driver.log)")
        #expect(driver.log.filter { $0.hasPrefix("release") }.sorted() == ["release #101", "release #102", "release #103"])
    }

    @Test func aLabBoardWithoutALoopbackLineIsRefusedBeforeAnyRequest() throws {
        let driver = LinuxStationBuilderTests.bcm2711()
        var board = try LinuxStationBuilderTests.raspberryPi4()
        board.lines[.loopback] = nil
        let error = #expect(throws: LoopbackBenchError.self) { try LinuxLoopbackBench(definition: board, driver: driver) }
        #expect(error?.description.contains("has no loopback line") == true)
        #expect(driver.log.isEmpty)
    }
}
