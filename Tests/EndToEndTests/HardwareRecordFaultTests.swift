import Boards
import Composition
import Experiments
import Firmware
import Foundation
import Records
import Testing

/// `qdot run --experiment` with a click record that cannot be created: an output fault naming
/// the record's `.partial` and the system's reason (exit 5), not an experiment error (exit 3),
/// and the trigger never fires.
@Suite struct HardwareRecordFaultTests {
    @Test func aRecordThatCannotBeCreatedOnALabBoardIsAnOutputFaultAndFiresNothing() throws {
        let dir = try QdotProcess.temporaryDirectory()
        try Data("x".utf8).write(to: dir.appendingPathComponent("plain-file"))
        let example = try #require(ExperimentExamples.named("raspberry-pi-bbm92"))
        let experiment = try ExperimentDefinition.parse(text: example.text, fileName: example.fileName)
        let driver = LinuxStationBuilderTests.bcm2711()
        let request = HardwareRun.Request(board: try LinuxStationBuilderTests.raspberryPi4(), schedule: try experiment.schedule())
        let record = dir.appendingPathComponent("plain-file/run.qdotrec").path
        let error = #expect(throws: HardwareRunError.self) {
            try HardwareRun.runExperiment(experiment, request: request, driver: driver,
                                          options: ExperimentRun.Options(recordPath: record, boardName: "raspberry-pi-4"))
        }
        guard case let .output(fault)? = error else {
            Issue.record("not an output fault: \(String(describing: error))")
            return
        }
        #expect(fault == OutputFault(.create, "record", path: record + ".partial", errorNumber: ENOTDIR))
        #expect("\(fault)".hasSuffix("plain-file/run.qdotrec.partial: Not a directory (errno 20)"))
        // Only safe-level writes (all zero) reached the chip: the trigger never fired.
        #expect(driver.log.filter { $0.hasPrefix("set") }.allSatisfy { $0 == "set #101 0b0" })
    }
}
