import Boards
import Composition
import Experiments
import Reports
import Foundation
import Simulator

/// Board seconds per CPU second of whole experiments on the simulated board, end to end: the
/// firmware loop, the click ring, the live analysis and the record file.
///
/// Each case runs `repetitions` times and prints the median with the slowest and fastest run:
/// single runs of a tenth of a second spread ±30 % on a shared machine.
enum ExperimentBenchmark {
    static let repetitions = 15

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
        print("== experiments: end to end on the simulated board (\(label)); \(repetitions) runs each, "
              + "real-time factor = board seconds per CPU second of the (single) loop thread: median [slowest, fastest]")
        for (name, recording) in [("bell-chsh", true), ("bbm92", true), ("bell-chsh", false)] {
            do {
                let example = ExperimentExamples.named(name)!
                let experiment = try ExperimentDefinition.parse(text: example.text, fileName: example.fileName)
                let path = FileManager.default.temporaryDirectory.appendingPathComponent("qdot-bench-\(name).qdotrec").path
                var perCPUSecond: [Double] = []
                var perWallSecond: [Double] = []
                var summary = ""
                for _ in 0..<repetitions {
                    let cpuStarted = CPUTime.thread()
                    let started = ContinuousClock.now
                    let outcome = try SimulatedExperiment.run(
                        experiment, board: try BoardDefinition.simulatedStation, source: source,
                        options: ExperimentRun.Options(recordPath: recording ? path : nil, boardName: "simulated-station"))
                    let wall = (ContinuousClock.now - started).inSeconds
                    let cpu = CPUTime.thread() - cpuStarted
                    let board = outcome.report.runDuration.seconds
                    perCPUSecond.append(board / cpu)
                    perWallSecond.append(board / wall)
                    let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
                    summary = "\(outcome.report.cyclesRun) cycles at "
                        + "\(Int((1 / experiment.timing.triggerPeriod.seconds / 1000).rounded())) kHz = \(format(board)) s board, "
                        + (recording ? "record \(size / 1024) KiB" : "recording off")
                    try? FileManager.default.removeItem(atPath: path)
                }
                print("  \(name.padding(toLength: 10, withPad: " ", startingAt: 0)) \(summary): "
                      + "\(spread(perCPUSecond))× real time per CPU second (per wall second \(spread(perWallSecond))×, machine shared)")
            } catch {
                print("  \(name): failed: \(error)")
            }
        }
    }

    /// "median [min, max]" of `values`, one decimal.
    static func spread(_ values: [Double]) -> String {
        let sorted = values.sorted()
        return "\(format(sorted[sorted.count / 2], 1)) [\(format(sorted.first!, 1)), \(format(sorted.last!, 1))]"
    }

    static func format(_ value: Double, _ decimals: Int = 3) -> String { String(format: "%.\(decimals)f", value) }
}
