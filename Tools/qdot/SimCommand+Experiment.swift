import ArgumentParser
import Boards
import Composition
import Firmware
import Foundation
import HAL
import Simulator

extension SimCommand {
    /// `qdot sim --experiment FILE` (and `qdot sim` with no flags: the built-in bell-chsh).
    func runExperiment() throws {
        let definition = try BoardLoading.load(board)
        var experiment = try ExperimentLoading.load(self.experiment ?? "bell-chsh")
        if let seed { experiment.seed = seed }
        var settings = StandInStation.Settings()
        settings.clickProbabilities = Array(repeating: clickProbability, count: 4)
        let stop = StopSignal()
        let signals = StopOnSignals(stop)
        defer { withExtendedLifetime(signals) {} }
        let outcome: ExperimentRun
        do {
            outcome = try SimulatedExperiment.run(
                experiment, board: definition, settings: settings, profileOverride: profile.flatMap(TimingProfile.named),
                options: ExperimentRun.Options(recordPath: noRecord ? nil : record, stop: stop, progress: true,
                                               boardName: definition.name))
        } catch {
            printError("qdot sim: \(experiment.fileName): \(error)")
            throw ExitCode(3)
        }
        let report = outcome.report
        let wall = ResultDocument.WallClock(seconds: outcome.wallSeconds, speedVersusRealTime: outcome.speedVersusRealTime,
                                            cyclesPerSecond: outcome.wallSeconds > 0 ? Double(report.cyclesRun) / outcome.wallSeconds : 0)
        var document = ResultDocument(
            kind: "simulation",
            board: .init(name: definition.name, file: board ?? "(built in) simulated.board.toml", backend: "simulated",
                         timingProfile: profile ?? SimulatedStationBuilder.profile(for: definition.timingProfile).name),
            seed: experiment.seed, schedule: outcome.schedule, report: report, wallClock: wall)
        document.experiment = experiment
        document.findings = outcome.findings
        document.recordFile = outcome.recordPath
        var faults: [String] = []
        if let recordError = outcome.recordError { faults.append("record: \(recordError)") }
        if report.clickEventsDropped > 0 { faults.append("\(report.clickEventsDropped) click events dropped: the analysis ring was full") }
        if report.lostEdges > 0 { faults.append("\(report.lostEdges) edges lost by the backend") }
        document.faults = faults.isEmpty ? nil : faults

        print(RunSummary.text(title: "qdot sim — \(experiment.name) (\(experiment.kind.rawValue)), board \(definition.name), seed \(experiment.seed)",
                              report: report, wall: wall))
        print(ExperimentSummary.text(outcome.findings))
        for fault in faults { print("  FAULT         \(fault)") }
        try OutputFiles.write(document.jsonData(), to: output, what: "result")
        print("  result        \(output)")
        let stem = output.hasSuffix(".json") ? String(output.dropLast(5)) : output
        for figure in SVGFigures.all(outcome.findings, experiment: experiment) {
            let path = "\(stem).\(figure.name).svg"
            try OutputFiles.write(Data(figure.svg.utf8), to: path, what: "figure")
            print("  figure        \(path)")
        }
        if let path = outcome.recordPath { print("  record        \(path)") }
        if !report.complete { throw ExitCode(4) }
    }
}
