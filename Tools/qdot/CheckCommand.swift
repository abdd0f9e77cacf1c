import ArgumentParser
import Boards
import Composition
import ConfigFile
import Experiments
import Foundation
import HAL
import Reports

/// `qdot check FILE…`: validate board, station and experiment files without running anything.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate board (.board.toml), station (.station.toml), experiment (.experiment.toml) and timing profile (.profile.toml) files without running.",
        discussion: """
            Every mistake is printed as file:line: field: what was expected and what was found. \
            Experiment files are also checked against a board (--board, default the built-in simulated \
            station): basis codes that need more lines than it has, a trigger period shorter than its \
            timing profile can serve — and, on a simulated board, against a station file (--station, default \
            the built-in one): analyzer codes whose setting the station does not give.
            """)

    @Argument(help: "Files to check.")
    var files: [String]

    @Option(help: "Board file the experiments are checked against. Default: the built-in simulated station.")
    var board: String?

    @Option(help: "Station file the experiments are checked against on a simulated board. Default: the built-in one.")
    var station: String?

    func run() throws {
        var failures = 0
        let boardDefinition = try BoardLoading.load(board)
        let stationDefinition = boardDefinition.backend == .simulated ? try StationLoading.load(station) : nil
        for file in files {
            if file.hasSuffix(".board.toml") {
                do {
                    let definition = try BoardDefinition.load(contentsOf: file)
                    print("ok    \(file): board \(definition.name) (\(definition.backend.rawValue))")
                } catch {
                    failures += 1
                    printMistakes(error)
                }
                continue
            }
            if file.hasSuffix(".profile.toml") {
                do {
                    let profile = try TimingProfile.load(contentsOf: file)
                    print("ok    \(file): timing profile \(profile.name)")
                } catch {
                    failures += 1
                    printMistakes(error)
                }
                continue
            }
            if file.hasSuffix(".station.toml") {
                do {
                    let definition = try StationDefinition.load(contentsOf: file)
                    print("ok    \(file): station \(definition.name)")
                } catch {
                    failures += 1
                    printMistakes(error)
                }
                continue
            }
            do {
                let experiment = try ExperimentDefinition.load(contentsOf: file)
                // The very checks sim and run make before their first cycle, so check accepts exactly what they can run.
                let problems = if let stationDefinition {
                    SimulatedExperiment.preflightProblems(experiment, board: boardDefinition, source: .physics(stationDefinition))
                } else {
                    ExperimentBoardFit.preflightProblems(experiment, board: boardDefinition)
                }
                for warning in ExperimentBoardFit.warnings(experiment, board: boardDefinition) {
                    printError("warning: \(file): on board \(boardDefinition.name): \(warning)")
                }
                if problems.isEmpty {
                    print("ok    \(file): \(experiment.kind.name), \(experiment.plannedSettings.count) settings, "
                          + "\(RunSummary.format(experiment.plannedDurationSeconds, 3)) s board time")
                } else {
                    failures += 1
                    for problem in problems { printError("error: \(file): on board \(boardDefinition.name): \(problem)") }
                }
            } catch {
                failures += 1
                printMistakes(error)
            }
        }
        if failures > 0 {
            printError("qdot check: \(failures) of \(files.count) file(s) have mistakes")
            throw QdotExit.badInputFile.code
        }
    }
}
