import Boards
import Composition
import Firmware
import Foundation
import HAL
import LinuxHAL
import Records
import Testing

/// Which edges a lab board's input lines are requested for: every click line rising only (a
/// both-edge request makes the kernel read the level, and a click already over reads as a falling
/// edge), the interlock both; and what a run's record then says about lost edges.
@Suite struct LinuxStationEdgeSelectionTests {
    static func raspberryPi4Text() throws -> String {
        try String(contentsOf: LinuxStationBuilderTests.repository.appendingPathComponent("Board/raspberry-pi-4.board.toml"),
                   encoding: .utf8)
    }

    @Test(arguments: [true, false])
    func piFourRequestsEveryClickLineRisingAndTheInterlockBoth(libgpiod2: Bool) throws {
        let driver = ScriptedGPIODriver(chipLabel: "pinctrl-bcm2711", lineNames: (0..<58).map { "GPIO\($0)" }, libgpiod2: libgpiod2)
        do {
            let station = try LinuxStationBuilder(definition: try LinuxStationBuilderTests.raspberryPi4(), driver: driver)
            #expect(station.inputRequests.count == 1)
            #expect(station.inputRequests[0].lineNames == ["GPIO5", "GPIO6", "GPIO12", "GPIO13", "GPIO16"])
            #expect(station.inputRequests[0].edges == [.rising, .rising, .rising, .rising, .both])
            let clicks = station.lines.clicks.map { station.inputRequests[0].edges[$0.index] }
            #expect(clicks == [.rising, .rising, .rising, .rising])
            #expect(station.inputRequests[0].edges[station.lines.interlock.index] == .both)
            if libgpiod2 {
                #expect(station.lostEdgesUndetectableOn.isEmpty)
                #expect(station.inputRequests[0].lostEdgeDetection == Array(repeating: .exact, count: 5))
            } else {
                #expect(station.lostEdgesUndetectableOn == [.clickAPlus, .clickAMinus, .clickBPlus, .clickBMinus])
                #expect(station.inputRequests[0].lostEdgeDetection
                    == [.undetectable, .undetectable, .undetectable, .undetectable, .lowerBound])
            }
        }
        #expect(driver.log[1] == "inputs #102 [5, 6, 12, 13, 16] activeLow [0, 0, 0, 0, 1] "
            + "bias disabled,disabled,disabled,disabled,pull-up edges rising,rising,rising,rising,both "
            + "clock monotonic,monotonic,monotonic,monotonic,monotonic")
    }

    /// Clicks A± on an expander chip of their own, clicks B± with the interlock on the SoC's chip:
    /// one request per chip, each line with its role's edges, and the bindings find them.
    @Test func clicksAndTheInterlockOnSeveralChipsKeepTheirEdgesPerLine() throws {
        var text = try Self.raspberryPi4Text()
        for (role, line, expanderLine) in [("click-a-plus", "GPIO5", "GPA0"), ("click-a-minus", "GPIO6", "GPA1")] {
            let section = try #require(text.range(of: "[line.\(role)]"))
            let chip = try #require(text.range(of: "chip = \"pinctrl-bcm2711\"", range: section.upperBound..<text.endIndex))
            text.replaceSubrange(chip, with: "chip = \"mcp23017\"")
            let name = try #require(text.range(of: "name = \"\(line)\"", range: section.upperBound..<text.endIndex))
            text.replaceSubrange(name, with: "name = \"\(expanderLine)\"")
        }
        let definition = try BoardDefinition.parse(text: text, fileName: "two-chips.board.toml")
        let driver = ScriptedGPIODriver(chips: [("pinctrl-bcm2711", (0..<58).map { "GPIO\($0)" }),
                                                ("mcp23017", (0..<8).map { "GPA\($0)" })])
        let station = try LinuxStationBuilder(definition: definition, driver: driver)
        #expect(station.inputRequests.map(\.chipLabel) == ["mcp23017", "pinctrl-bcm2711"])
        #expect(station.inputRequests.map(\.lineNames) == [["GPA0", "GPA1"], ["GPIO12", "GPIO13", "GPIO16"]])
        #expect(station.inputRequests.map(\.edges) == [[.rising, .rising], [.rising, .rising, .both]])
        #expect(driver.edgeRequests.map(\.chipPath) == ["/dev/gpiochip1", "/dev/gpiochip0"])
        #expect(driver.edgeRequests.map(\.edges) == [[.rising, .rising], [.rising, .rising, .both]])
        let bound = station.lines.clicks.map { binding in
            station.inputRequests.firstIndex { $0 === binding.request as? LinuxEdgeInput }.map { "\($0):\(binding.index)" }
        }
        #expect(bound == ["0:0", "0:1", "1:0", "1:1"])
        #expect(station.inputRequests[1] === station.lines.interlock.request as? LinuxEdgeInput)
        #expect(station.lines.interlock.index == 2)
    }

    /// A short run on libgpiod 1.6: the record names the click lines whose losses could not be
    /// seen, and the result's `hardware` object keeps them; on 2.x the key is absent.
    @Test func theRunRecordSaysWhereLostEdgesWereNotDetectable() throws {
        let request = HardwareRun.Request(board: try LinuxStationBuilderTests.raspberryPi4(),
                                          schedule: CycleSchedule.plainTwoSettings(cycles: 4))
        let lines = (0..<58).map { "GPIO\($0)" }
        let old = try HardwareRun.run(request, driver: ScriptedGPIODriver(chipLabel: "pinctrl-bcm2711", lineNames: lines,
                                                                            libgpiod2: false))
        #expect(!old.record.lostEdgesExact)
        #expect(old.record.lostEdgesUndetectableOn == ["click-a-plus", "click-a-minus", "click-b-plus", "click-b-minus"])
        #expect(old.report.lostEdges == 0)
        let hardware = try Self.hardwareObject(old, request: request)
        #expect(hardware["lostEdgesUndetectableOn"] as? [String] == ["click-a-plus", "click-a-minus", "click-b-plus", "click-b-minus"])

        let new = try HardwareRun.run(request, driver: ScriptedGPIODriver(chipLabel: "pinctrl-bcm2711", lineNames: lines))
        #expect(new.record.lostEdgesExact && new.record.lostEdgesUndetectableOn == nil)
        #expect(try Self.hardwareObject(new, request: request)["lostEdgesUndetectableOn"] == nil)
    }

    static func hardwareObject(_ run: HardwareRun, request: HardwareRun.Request) throws -> [String: Any] {
        let json = try ResultDocument(kind: .hardware, board: .init(name: "raspberry-pi-4", file: "x", backend: .linux, timingProfile: nil),
                                      seed: 1, schedule: request.schedule, report: run.report,
                                      wallClock: .init(seconds: run.wallSeconds, speedVersusRealTime: 1, cyclesPerSecond: 1),
                                      hardware: run.record).jsonData()
        return try #require(try JSONObject.decode(json)["hardware"] as? [String: Any])
    }
}
