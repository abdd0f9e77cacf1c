import Boards
import Composition
import ExperimentExamples
import Foundation
import Simulator

/// Board seconds per wall second of whole experiments on the simulated board, end to end: the
/// firmware loop, the click ring, the live analysis and the record file.
enum ExperimentBenchmark {
    static func run() {
        do {
            let physics = SimulatedSource.physics(try StationDefinition.simulatedStation)
            run(source: physics, label: "physics station of simulated.station.toml, as `qdot sim` runs them")
            var standIn = StandInStation.Settings()
            standIn.clickProbabilities = [0.1, 0.1, 0.1, 0.1]
            run(source: .standIn(standIn), label: "stand-in source, p = 0.1")
        } catch {
            print("  failed: \(error)")
        }
    }

    static func run(source: SimulatedSource, label: String) {
        print("== experiments: end to end on the simulated board, recording on (\(label))")
        for (name, recording) in [("bell-chsh", true), ("bbm92", true), ("bell-chsh", false)] {
            do {
                let example = ExperimentExamples.named(name)!
                let experiment = try ExperimentDefinition.parse(text: example.text, fileName: example.fileName)
                let path = FileManager.default.temporaryDirectory.appendingPathComponent("qdot-bench-\(name).qdotrec").path
                let cpuStarted = CPUTime.thread()
                let started = ContinuousClock.now
                let outcome = try SimulatedExperiment.run(
                    experiment, board: try BoardDefinition.simulatedStation, source: source,
                    options: ExperimentRun.Options(recordPath: recording ? path : nil, boardName: "simulated-station"))
                let elapsed = ContinuousClock.now - started
                let cpu = CPUTime.thread() - cpuStarted
                let wall = elapsed.inSeconds
                let board = outcome.report.runDuration.seconds
                let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
                print("  \(name.padding(toLength: 10, withPad: " ", startingAt: 0)) \(outcome.report.cyclesRun) cycles at "
                      + "\(Int((1 / experiment.timing.triggerPeriod.seconds / 1000).rounded())) kHz: \(format(board)) s board in \(format(cpu)) s CPU "
                      + "= \(format(board / cpu, 1))× real time per CPU second (\(format(board / wall, 1))× per wall second, machine shared), "
                      + (recording ? "record \(size / 1024) KiB" : "recording off"))
                try? FileManager.default.removeItem(atPath: path)
            } catch {
                print("  \(name): failed: \(error)")
            }
        }
    }


    static func format(_ value: Double, _ decimals: Int = 3) -> String { String(format: "%.\(decimals)f", value) }
}
