import Boards
import Composition
import Experiments
import Foundation
import Records
import Simulator
import Testing
import Vocabulary

/// The external-tagger path end to end on the simulated station with the physics model: a run
/// writes its record and what a tagger wired to the station saw (PTU); the figures from the tags,
/// matched to the record's cycles by the sync input, are the live run's, count for count.
@Suite struct TaggerEndToEndTests {
    /// One physics run of example `name` with its record and a 1 ps tagger's file.
    static func taggedRun(_ name: String, cyclesPerSetting: Int, tagger: Bool = true)
        throws -> (run: ExperimentRun, record: RunRecord, recordBytes: Data, tags: String) {
        let experiment = try ExperimentFixture.example(name, cyclesPerSetting: cyclesPerSetting)
        let recordPath = try ExperimentFixture.temporaryPath("run.qdotrec")
        let tags = (recordPath as NSString).deletingLastPathComponent + "/run.ptu"
        let recorder = tagger ? try PTUTagRecorder(path: tags, resolutionPicoseconds: 1, syncRatePerSecond: 100_000,
                                                   fileGUID: PTUTagRecorder.guid(seed: experiment.seed)) : nil
        let run = try SimulatedExperiment.run(
            experiment, board: try BoardDefinition.simulatedStation, source: .physics(try StationDefinition.simulatedStation),
            options: ExperimentRun.Options(recordPath: recordPath, boardName: "simulated-station"),
            tagger: recorder.map { SimulatedTimeTagger(resolutionPicoseconds: 1, sink: $0) })
        #expect(recorder?.failure == nil)
        return (run, try RunRecord.read(contentsOf: recordPath), try Data(contentsOf: URL(fileURLWithPath: recordPath)), tags)
    }

    static func analyse(_ record: RunRecord, tags events: [PTUEvent], skippedSyncs: Int = 0) throws -> TaggedRecordAnalysis {
        var remaining = events[...]
        return try TaggedRecordAnalysis(record: record, map: TagChannelMap(), skippedSyncs: skippedSyncs) { batch in
            let next = remaining.prefix(997)   // odd batches: cycles straddle them
            remaining = remaining.dropFirst(next.count)
            batch.append(contentsOf: next)
            return next.count
        }
    }

    /// Every example kind: each setting's counts (singles, coincidences, side and HBT peaks,
    /// histograms) and every figure equal the live run's; nothing is left unmatched; the record's
    /// own clicks are all among the tags.
    @Test(arguments: ["bell-chsh", "bbm92", "g2", "tomography-16", "gate-delay-scan"])
    func theTagsGiveTheLiveRunsCountsBitForBit(example: String) throws {
        let tagged = try Self.taggedRun(example, cyclesPerSetting: example == "tomography-16" ? 1_500 : 6_000)
        let reader = try PTUReader(path: tagged.tags)
        let analysis = try TaggedRecordAnalysis(record: tagged.record, map: TagChannelMap(), read: TaggedRecordAnalysis.batches(of: reader))
        let live = tagged.run.findings
        #expect(analysis.findings.settings.map(\.counts) == live.settings.map(\.counts))
        #expect(analysis.findings.figures.map(\.key) == live.figures.map(\.key))
        for (mine, theirs) in zip(analysis.findings.figures, live.figures) {
            #expect(mine.value == theirs.value && mine.standardError == theirs.standardError, "\(mine.key): \(mine.value) vs \(theirs.value)")
        }
        let tally = analysis.tally
        let cycles = tagged.record.cyclesPerSetting.reduce(0, +)
        #expect(tally.syncs == cycles && tally.syncsMatched == cycles && tally.cyclesPerSetting == tagged.record.cyclesPerSetting)
        #expect(tally.clicks == tagged.record.clicks.count)
        #expect(tally.photonsBeforeFirstCycle + tally.photonsOutsideCycles + tally.photonsAfterRun + tally.photonsOnUnmappedInputs == 0)
        #expect(analysis.crossCheck?.fraction == 1)
    }

    /// The tagger draws nothing: the record is the same byte for byte with it and without it.
    @Test func aTaggerLeavesTheRunAsItWas() throws {
        let with = try Self.taggedRun("bbm92", cyclesPerSetting: 4_000)
        let without = try Self.taggedRun("bbm92", cyclesPerSetting: 4_000, tagger: false)
        #expect(with.recordBytes == without.recordBytes)
    }

    /// A tagger that lost the run's first sync shifts every cycle by one: the cross-check with the
    /// record's own clicks falls to chance and says so; a tagger that caught one sync too many at
    /// the start (a trigger before the run) is matched again with skippedSyncs = 1.
    @Test func aShiftedSyncIsCaughtByTheCrossCheckAndSkippingMendsAnExtraOne() throws {
        let tagged = try Self.taggedRun("bell-chsh", cyclesPerSetting: 3_000)
        let events = try PTUReader(path: tagged.tags).readAll()
        let firstSync = try #require(events.firstIndex { $0.kind == .sync })
        var lost = events
        lost.remove(at: firstSync)
        let shifted = try Self.analyse(tagged.record, tags: lost)
        #expect(shifted.tally.syncsMatched == tagged.record.cyclesPerSetting.reduce(0, +) - 1)
        #expect(try #require(shifted.crossCheck).fraction < 0.5)
        #expect(shifted.findings.notes.contains { $0.contains("have no sync in the tags") })

        var extra = events
        extra.insert(.sync(timePicoseconds: max(0, events[firstSync].timePicoseconds - 5_000_000)), at: firstSync)
        let mended = try Self.analyse(tagged.record, tags: extra, skippedSyncs: 1)
        #expect(mended.findings.settings.map(\.counts) == tagged.run.findings.settings.map(\.counts))
        #expect(mended.tally.syncsSkipped == 1 && mended.crossCheck?.fraction == 1)
    }

    /// A sync rate that the board's trigger cannot have leaves the analysis with notes, never
    /// silently: syncs after the record's last cycle are counted, and their photons too.
    @Test func syncsAfterTheRunAreCountedNotUsed() throws {
        let tagged = try Self.taggedRun("g2", cyclesPerSetting: 2_000)
        var events = try PTUReader(path: tagged.tags).readAll()
        let end = try #require(events.last).timePicoseconds
        for k in 1...5 {
            events.append(.sync(timePicoseconds: end + Int64(k) * 10_000_000))
            events.append(.photon(channel: 1, timePicoseconds: end + Int64(k) * 10_000_000 + 3_000))
        }
        let analysis = try Self.analyse(tagged.record, tags: events)
        #expect(analysis.tally.syncsAfterRun == 5 && analysis.tally.photonsAfterRun == 5)
        #expect(analysis.findings.settings.map(\.counts) == tagged.run.findings.settings.map(\.counts))
        #expect(analysis.findings.notes.contains { $0.contains("5 syncs after the record's last cycle") })
    }
}

/// A cable 8 ns longer on B+ moves its pairs out of the 5 ns window; `TagCorrelations` finds the
/// delay from the tags alone, and with it the analysis gives the run's own counts again.
@Suite struct TagDelayCalibrationTests {
    @Test func aLongCableIsFoundAndTakenOff() throws {
        let tagged = try TaggerEndToEndTests.taggedRun("bell-chsh", cyclesPerSetting: 4_000)
        let cable: Int64 = 8_000
        let events = try PTUReader(path: tagged.tags).readAll().map { event -> PTUEvent in
            guard event.kind == .photon, event.channel == 3 else { return event }
            return .photon(channel: 3, timePicoseconds: event.timePicoseconds + cable)
        }.sorted { $0.timePicoseconds < $1.timePicoseconds }
        let delayed = try TaggerEndToEndTests.analyse(tagged.record, tags: events)
        let live = tagged.run.findings.settings.map(\.counts)
        #expect(delayed.findings.settings.map(\.counts) != live)

        let correlations = try TagCorrelations(events: events, map: TagChannelMap(), binPicoseconds: 100,
                                               rangePicoseconds: 20_000, windowPicoseconds: 5_000)
        let suggested = correlations.suggestedDelaysPicoseconds
        // B+'s delay stands out from the others by the cable, to within a bin and the fit's residual.
        let others = [suggested[.aPlus], suggested[.aMinus], suggested[.bMinus]]
        #expect(abs(suggested[.bPlus] - others.max()! - cable) <= 300, "\(suggested)")
        #expect(correlations.fitResidualPicoseconds < 100)
        #expect(correlations.pairs.allSatisfy { Double($0.histogram.counts.max() ?? 0) > 100 * max($0.backgroundPerBin, 0.01) })

        var remaining = events[...]
        let mended = try TaggedRecordAnalysis(record: tagged.record,
                                              map: TagChannelMap(delaysPicoseconds: PerChannel(0, 0, cable, 0))) { batch in
            let next = remaining.prefix(4_096)
            remaining = remaining.dropFirst(next.count)
            batch.append(contentsOf: next)
            return next.count
        }
        #expect(mended.findings.settings.map(\.counts) == live)
    }
}
