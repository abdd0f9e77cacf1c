import ArgumentParser
import Experiments
import Foundation
import HAL
import Records
import Reports

/// `qdot analyze RECORD --tags FILE.ptu`: the figures from a time tagger's clicks, matched to the
/// record's cycles by the sync input, with what the matching found.
struct TaggedAnalysis {
    let record: String
    let tags: String
    let options: TaggingOptions
    let window: TimeSpan?
    let output: String?

    func run() throws {
        let recorded: RunRecord
        do {
            recorded = try RunRecord.read(contentsOf: record)
        } catch {
            printError("qdot analyze: \(error)")
            throw QdotExit.unreadableRecord.code
        }
        let map = try options.channelMap()
        let analysis: TaggedRecordAnalysis
        let format: PTUT2Format
        do {
            if options.follow {
                let follower = try PTUFollower(path: tags)
                analysis = try TaggedRecordAnalysis(record: recorded, map: map, skippedSyncs: options.skipSyncs,
                                                    coincidenceWindow: window, read: followReader(follower))
                guard let followed = follower.decoder?.format else {
                    printError("qdot analyze: \(tags): no whole PTU header appeared within \(options.followIdleS) s")
                    throw QdotExit.unreadableRecord.code
                }
                format = followed
            } else {
                let reader = try PTUReader(path: tags)
                format = reader.format
                analysis = try TaggedRecordAnalysis(record: recorded, map: map, skippedSyncs: options.skipSyncs,
                                                    coincidenceWindow: window, read: TaggedRecordAnalysis.batches(of: reader))
            }
        } catch let error as PTUError {
            printError("qdot analyze: \(error)")
            throw QdotExit.unreadableRecord.code
        } catch let error as TagMatchError {
            printError("qdot analyze: --tags: \(error)")
            throw QdotExit.badCommandLine.code
        }
        let tally = analysis.tally
        guard tally.syncsMatched > 0 else {
            printError("qdot analyze: \(tags) holds \(tally.syncs) syncs (\(tally.syncsSkipped) skipped) and no cycle of the record "
                       + "could be matched: is the board's trigger wired to the tagger's sync input?")
            throw QdotExit.unreadableRecord.code
        }
        let experiment = recorded.header.experiment
        let cycles = recorded.cyclesPerSetting.reduce(0, +)
        print("qdot analyze — \(record) with the tags of \(tags): \(experiment.name) (\(experiment.kind.name)), "
              + "seed \(recorded.header.seed), \(cycles) cycles\(recorded.complete ? "" : " — INCOMPLETE run")")
        print("  tagger        \(format.recordType.name), \(format.globalResolutionPicoseconds) ps bins; inputs A+ \(map.inputs[.aPlus]) "
              + "A- \(map.inputs[.aMinus]) B+ \(map.inputs[.bPlus]) B- \(map.inputs[.bMinus]); delays \(map.delaysPicoseconds.values) ps")
        print("  syncs         \(tally.syncsMatched) matched of \(cycles) cycles; \(tally.syncsSkipped) skipped, \(tally.syncsAfterRun) after the run, "
              + "\(tally.longGaps) gaps over 1.5 periods")
        print("  photons       \(tally.clicks) in cycles; \(tally.photonsBeforeFirstCycle) before the first, \(tally.photonsOutsideCycles) outside "
              + "every cycle, \(tally.photonsAfterRun) after the run, \(tally.photonsOnUnmappedInputs) on unmapped inputs")
        if let check = analysis.crossCheck {
            print("  cross-check   \(check.foundInTags) of the record's \(check.recordClicks) clicks found in the tags "
                  + "(\(RunSummary.format(100 * check.fraction, 4)) %)")
            if check.recordClicks >= 20 && check.fraction < 0.9 {
                printError("warning: only \(RunSummary.format(100 * check.fraction, 3)) % of the record's own clicks are in the tags' "
                           + "matching cycles: the syncs may be shifted against the cycles (a sync lost or extra at the start? "
                           + "try --skip-syncs), or the inputs mapped wrongly (--tag-inputs)")
            }
        }
        if tally.syncsMatched < cycles {
            printError("warning: \(cycles - tally.syncsMatched) of the record's \(cycles) cycles have no sync in \(tags): "
                       + "the figures cover the \(tally.syncsMatched) matched cycles only")
        }
        if let window { print("  window        \(window.nanoseconds) ns (recorded: \(experiment.timing.coincidenceWindow.nanoseconds) ns)") }
        print(ExperimentSummary.text(analysis.findings))
        if let output {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try OutputFiles.write(try encoder.encode(FindingsV1(analysis.findings)), to: output, what: "findings")
            print("  findings      \(output)")
        }
    }

    /// Reads what the tagger appends, polling every 50 ms, until no new event came for the idle time.
    func followReader(_ follower: PTUFollower) -> (inout [PTUEvent]) throws -> Int {
        let idle = options.followIdleS
        return { events in
            var waited = 0.0
            while true {
                _ = try follower.readAppended(into: &events)
                if !events.isEmpty { return events.count }
                if waited >= idle { return 0 }
                usleep(50_000)
                waited += 0.05
            }
        }
    }
}
