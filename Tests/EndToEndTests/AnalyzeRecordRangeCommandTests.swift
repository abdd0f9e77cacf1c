import Experiments
import Firmware
import Foundation
import HAL
import Records
import Testing
import Vocabulary

/// `qdot analyze` on records whose fields are out of range — which trapped qdot before (a click at
/// cycle 2⁶³ − 1 under `--salvage`, a g2 header with −1 side peaks in both modes): a clean
/// refusal, exit 6, naming the byte offset; `--salvage` keeps what lies before a bad record.
@Suite struct AnalyzeRecordRangeCommandTests {
    /// A record of the shipped `kind` example (with `kindValue` instead of its own, if given) holding
    /// one ordinary click, then `clicks`, written by today's writer, which checks nothing.
    static func write(_ name: String, kind: String = "bbm92", kindValue: (any ExperimentKind)? = nil, clicks: [ClickEvent],
                      in directory: URL) throws {
        guard let example = ExperimentExamples.named(kind) else { throw CocoaError(.fileNoSuchFile) }
        var experiment = try ExperimentDefinition.parse(text: example.text, fileName: example.fileName)
        experiment.cyclesPerSetting = 1_000
        if let kindValue { experiment.kind = kindValue }
        let schedule = try experiment.schedule()
        let writer = try RunRecordWriter(path: directory.appendingPathComponent(name).path, header: RunRecordHeader(
            software: "test", experiment: experiment, schedule: schedule, board: "none", timingProfile: "ideal", seed: 1))
        for click in [Self.click(cycle: 0)] + clicks { try writer.write(click) }
        try writer.finish(cyclesPerSetting: schedule.steps.map(\.cycles), complete: true, boardNanoseconds: 10_000_000)
    }

    static func click(cycle: Int64, timestamp: Int64 = 1_000) -> ClickEvent {
        ClickEvent(cycle: cycle, setting: 0, channel: .aPlus, codes: BasisCodes(armA: 0, armB: 0), timestamp: Instant(nanoseconds: timestamp))
    }

    @Test func aClickAtCycle2To63IsRefusedAndSalvagedUpToIt() throws {
        let dir = try QdotProcess.temporaryDirectory()
        try Self.write("far.qdotrec", clicks: [Self.click(cycle: 5), Self.click(cycle: .max)], in: dir)
        let strict = try QdotProcess.run(["analyze", "far.qdotrec"], in: dir)
        #expect(strict.exitCode == 6, "\(strict.standardError)")
        #expect(strict.standardError.contains("byte offset") && strict.standardError.contains("cycle 9223372036854775807"),
                "\(strict.standardError)")
        let salvaged = try QdotProcess.run(["analyze", "--salvage", "far.qdotrec"], in: dir)
        #expect(salvaged.exitCode == 0, "\(salvaged.standardError)")
        #expect(salvaged.standardOutput.contains("INCOMPLETE, SALVAGED") && salvaged.standardOutput.contains("cycle 9223372036854775807"),
                "\(salvaged.standardOutput)")
    }

    @Test func aTimestampOf2To63IsRefused() throws {
        let dir = try QdotProcess.temporaryDirectory()
        try Self.write("late.qdotrec", clicks: [Self.click(cycle: 3, timestamp: .max)], in: dir)
        let strict = try QdotProcess.run(["analyze", "late.qdotrec"], in: dir)
        #expect(strict.exitCode == 6 && strict.standardError.contains("timestamp 9223372036854775807"), "\(strict.standardError)")
    }

    @Test func aG2HeaderWithNegativeSidePeaksIsRefusedAtItsOffsetInBothModes() throws {
        let dir = try QdotProcess.temporaryDirectory()
        try Self.write("g2.qdotrec", kind: "g2", kindValue: G2Experiment(sidePeaks: -1), clicks: [], in: dir)
        for arguments in [["analyze", "g2.qdotrec"], ["analyze", "--salvage", "g2.qdotrec"]] {
            let refused = try QdotProcess.run(arguments, in: dir)
            #expect(refused.exitCode == 6, "\(arguments): \(refused.standardError)")
            #expect(refused.standardError.contains("byte offset 16: the header's experiment.sidePeaks: -1"), "\(refused.standardError)")
        }
    }
}
