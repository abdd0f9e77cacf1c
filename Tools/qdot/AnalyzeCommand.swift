import ArgumentParser
import Composition
import Foundation
import HAL

/// `qdot analyze RECORD`: the figures of a recorded run, offline.
struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Recompute a run's certified figures from its click record (docs/record-format.md).",
        discussion: """
            With the record's own settings the figures equal the live run's exactly. --window-ns
            re-analyses with another coincidence window. A truncated or corrupted record is refused
            with the byte offset of the problem.
            """)

    @Argument(help: "The run record (.qdotrec).")
    var record: String

    @Option(help: "Coincidence window in nanoseconds instead of the recorded experiment's.")
    var windowNs: Int?

    @Option(help: "Write the JSON findings here.")
    var output: String?

    func validate() throws {
        if let windowNs, windowNs <= 0 { throw ValidationError("--window-ns must be positive, got \(windowNs)") }
    }

    func run() throws {
        let recorded: RunRecord
        do {
            recorded = try RunRecord.read(contentsOf: record)
        } catch {
            printError("qdot analyze: \(error)")
            throw ExitCode(3)
        }
        let findings = ExperimentRun.analyze(recorded, coincidenceWindow: windowNs.map { .nanoseconds(Int64($0)) })
        let experiment = recorded.header.experiment
        print("qdot analyze — \(record): \(experiment.name) (\(experiment.kind.rawValue)), seed \(recorded.header.seed), "
              + "\(recorded.clicks.count) clicks, \(recorded.cyclesPerSetting.reduce(0, +)) cycles"
              + (recorded.complete ? "" : " — INCOMPLETE run"))
        if let windowNs { print("  window        \(windowNs) ns (recorded: \(experiment.timing.coincidenceWindow.nanoseconds) ns)") }
        print(ExperimentSummary.text(findings))
        if let output {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try OutputFiles.write(try encoder.encode(findings), to: output, what: "findings")
            print("  findings      \(output)")
        }
    }
}
