import Boards
import Composition
import Experiments
import Foundation
import Physics
import Records
import Simulator
import Testing

/// The second way labs certify with a Raspberry Pi: it drives the trigger, gates and bases, and an
/// external tagger (1 ps) stamps the clicks, its sync input on the trigger. The bell-chsh example
/// with its 5 ns window (period raised to 40 µs for the Pi): from the Pi's own kernel-stamped click
/// lines it finds almost no pairs; from the tagger's file, matched to the record's cycles, it
/// certifies the closed forms' S within 3σ.
@Suite struct TaggedRaspberryPiTests {
    @Test func theTaggersClicksCertifyWhatThePisOwnStampsCannot() throws {
        var board = try #require(try BoardDefinition.builtIn(named: "simulated-raspberry-pi-4"))
        board.clicks.timestamps = .externalTagger(resolutionPicoseconds: 1)
        let example = try #require(ExperimentExamples.named("bell-chsh"))
        var experiment = try ExperimentDefinition.parse(text: example.text, fileName: example.fileName)
        experiment.timing.triggerPeriod = .nanoseconds(40_000)
        experiment.cyclesPerSetting = 20_000
        #expect(ExperimentBoardFit.problems(experiment, board: board).isEmpty)
        #expect(ExperimentBoardFit.warnings(experiment, board: board).contains { $0.contains("certify from the tagger's file") })

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("qdot-tagged-pi-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let recordPath = folder.appendingPathComponent("run.qdotrec").path, tagsPath = folder.appendingPathComponent("run.ptu").path
        let recorder = try PTUTagRecorder(path: tagsPath, resolutionPicoseconds: 1, syncRatePerSecond: 25_000)
        let station = try StationDefinition.simulatedStation
        let live = try SimulatedExperiment.run(experiment, board: board, source: .physics(station),
                                               options: ExperimentRun.Options(recordPath: recordPath, boardName: board.name),
                                               tagger: SimulatedTimeTagger(resolutionPicoseconds: 1, sink: recorder))
        #expect(recorder.failure == nil)
        let record = try RunRecord.read(contentsOf: recordPath)
        let tagged = try TaggedRecordAnalysis(record: record, map: TagChannelMap(),
                                              read: TaggedRecordAnalysis.batches(of: try PTUReader(path: tagsPath)))
        #expect(tagged.tally.syncsMatched == record.cyclesPerSetting.reduce(0, +))

        // The kernel's stamps, microseconds apart, leave almost no pairs inside 5 ns.
        let liveCoincidences = live.findings.settings.reduce(0) { $0 + $1.counts.totalCoincidences }
        let taggedCoincidences = tagged.findings.settings.reduce(0) { $0 + $1.counts.totalCoincidences }
        #expect(liveCoincidences * 20 < taggedCoincidences, "live \(liveCoincidences), tagged \(taggedCoincidences)")
        // The tags certify the closed form (dark counts in ±5 ns: ~10⁻⁶ per cycle, negligible).
        let expected = try ExpectedFigures(station.parameters)
        let s = try #require(tagged.findings.figure("chsh-s"))
        #expect(s.standardError > 0 && s.standardError < 0.1)
        #expect(abs(s.value - expected.chsh) <= 3 * s.standardError, "S = \(s.value) ± \(s.standardError), closed form \(expected.chsh)")
        #expect((s.value - 2) / s.standardError > 5)
        let visibility = try #require(tagged.findings.figure("visibility-hv"))
        #expect(abs(visibility.value - expected.visibilityHV) <= 4 * visibility.standardError)
    }
}
