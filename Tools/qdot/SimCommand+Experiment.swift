import ArgumentParser
import Boards
import Composition
import Firmware
import Foundation
import HAL
import Experiments
import Records
import Simulator

extension SimCommand {
    /// `qdot sim --experiment FILE` (and `qdot sim` with no flags: the built-in bell-chsh).
    func runExperiment() throws {
        let definition = try BoardLoading.load(board)
        var experiment = try ExperimentLoading.load(self.experiment ?? "bell-chsh")
        if let seed { experiment.seed = seed }
        let (simulatedSource, stationInfo) = try simulatedSource()
        let profile = try timingProfileOverride()
        let stop = StopSignal()
        let signals = try StopOnSignals.start(stop, command: "qdot sim")
        defer { withExtendedLifetime(signals) {} }
        let outcome: ExperimentRun
        var trace: Trace?
        let recorder = try tagRecorder(definition: definition, experiment: experiment)
        do {
            outcome = try SimulatedExperiment.run(
                experiment, board: definition, source: simulatedSource, profileOverride: profile,
                tracing: vcd != nil,
                interlockOpensAt: interlockOpening,
                options: ExperimentRun.Options(recordPath: plan.recordPath, stop: stop, progress: true,
                                               boardName: definition.name),
                tagger: recorder.map { SimulatedTimeTagger(resolutionPicoseconds: $0.writer.format.globalResolutionPicoseconds, sink: $0) },
                trace: { trace = $0 })
        } catch {
            throw Self.failure(error, experiment: experiment)
        }
        var document = ResultDocument(
            kind: .simulation,
            board: .init(name: definition.name, file: boardFile(definition), backend: .simulated,
                         timingProfile: SimulatedStationBuilder.timingProfile(of: definition, override: profile).name),
            seed: experiment.seed, schedule: outcome.schedule, report: outcome.report,
            wallClock: .init(seconds: outcome.wallSeconds, report: outcome.report))
        document.station = stationInfo
        if let vcd, let trace { try writeVCD(trace, to: vcd) }
        let tagsNotWritten = tagsFault(recorder, tags)
        try ExperimentReporting.report(
            outcome, title: "qdot sim — \(experiment.name) (\(experiment.kind.name)), board \(definition.name), seed \(experiment.seed)",
            document: document, output: output, outputFaults: tagsNotWritten.map { [$0] } ?? [])
        if let recorder, let tags {
            print("  tags          \(tags) (\(recorder.writer.recordCount) records, \(recorder.writer.settings.recordType.name), "
                  + "\(recorder.writer.format.globalResolutionPicoseconds) ps)")
        }
    }

    /// Why the tags file could not be written to its end, nil when it was (or none was asked for).
    private func tagsFault(_ recorder: PTUTagRecorder?, _ tags: String?) -> OutputFault? {
        guard let recorder, let tags, let failure = recorder.failure else { return nil }
        return OutputFault(.write, "tags file", path: tags, reason: failure.message)
    }

    /// The PTU writer for `--tags`, nil without it: bins from `--tag-resolution-ps`, else the
    /// board's tagger, else 1 ps; its GUID follows from the seed and the experiment, so a seed
    /// reproduces the file but for its creating time.
    func tagRecorder(definition: BoardDefinition, experiment: ExperimentDefinition) throws -> PTUTagRecorder? {
        guard let tags else { return nil }
        var resolution: Int64 = 1
        if case let .externalTagger(bin) = definition.clicks.timestamps { resolution = bin }
        if let tagResolutionPs { resolution = tagResolutionPs }
        let rate = Int64((1 / experiment.timing.triggerPeriod.seconds).rounded())
        do {
            return try PTUTagRecorder(path: tags, resolutionPicoseconds: resolution, syncRatePerSecond: rate,
                                      fileGUID: PTUTagRecorder.guid(seed: experiment.seed),
                                      comment: "qdot sim \(experiment.name), board \(definition.name), seed \(experiment.seed)")
        } catch {
            printError("qdot sim: \(error)")
            throw QdotExit.outputNotWritten.code
        }
    }

    /// Prints why an experiment could not run on the simulated board and gives the exit status:
    /// an experiment that does not fit the board, its timing profile or the station is a file
    /// mistake; a record that cannot be created is an output that cannot be written; the rest
    /// (lines not had, controller not armed) is a station that could not be built or armed.
    static func failure(_ error: any Error, experiment: ExperimentDefinition) -> ExitCode {
        switch error {
        case let ExperimentError.problems(problems):
            for problem in problems { printError("error: \(experiment.fileName): \(problem)") }
            printError("qdot sim: \(experiment.fileName) does not fit this board and station; nothing was run")
            return QdotExit.badInputFile.code
        case let error as ExperimentRunError:
            printError("qdot sim: \(error)")
            return QdotExit.outputNotWritten.code
        case StationBuildError.stationData:
            printError("qdot sim: \(error)")
            return QdotExit.badInputFile.code
        default:
            printError("qdot sim: \(error)")
            return QdotExit.stationUnavailable.code
        }
    }
}
