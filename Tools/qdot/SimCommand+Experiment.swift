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
        let (simulatedSource, stationInfo) = try simulatedSource()
        let stop = StopSignal()
        let signals = StopOnSignals(stop)
        defer { withExtendedLifetime(signals) {} }
        let outcome: ExperimentRun
        var trace: Trace?
        do {
            outcome = try SimulatedExperiment.run(
                experiment, board: definition, source: simulatedSource, profileOverride: profile.flatMap(TimingProfile.named),
                tracing: vcd != nil,
                interlockOpensAt: interlockOpening,
                options: ExperimentRun.Options(recordPath: plan.recordPath, stop: stop, progress: true,
                                               boardName: definition.name),
                trace: { trace = $0 })
        } catch {
            printError("qdot sim: \(experiment.fileName): \(error)")
            throw ExitCode(3)
        }
        var document = ResultDocument(
            kind: "simulation",
            board: .init(name: definition.name, file: board ?? "(built in) simulated.board.toml", backend: "simulated",
                         timingProfile: profile ?? SimulatedStationBuilder.profile(for: definition.timingProfile).name),
            seed: experiment.seed, schedule: outcome.schedule, report: outcome.report,
            wallClock: .init(seconds: outcome.wallSeconds, report: outcome.report))
        document.station = stationInfo
        if let vcd, let trace { try writeVCD(trace, to: vcd) }
        try ExperimentReporting.report(
            outcome, title: "qdot sim — \(experiment.name) (\(experiment.kind.rawValue)), board \(definition.name), seed \(experiment.seed)",
            document: document, output: output)
    }
}
