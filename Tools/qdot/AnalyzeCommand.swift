import ArgumentParser
import Composition
import Foundation
import Experiments
import Firmware
import HAL
import Records
import Reports

/// `qdot analyze RECORD`: the figures of a recorded run, offline.
struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Recompute a run's certified figures from its click record (docs/record-format.md).",
        discussion: """
            With the record's own settings the figures equal the live run's exactly. --window-ns \
            re-analyses with another coincidence window. A truncated or corrupted record is refused \
            with the byte offset of the problem; --salvage analyses what a crashed run left (its \
            .partial file) up to the last intact record, marked INCOMPLETE and SALVAGED, with each \
            figure that needs the cycles run or the board time given per trigger cycle or left out, \
            and says why (docs/record-format.md).
            """)

    @Argument(help: "The run record (.qdotrec).")
    var record: String

    @Option(parsing: .unconditional, help: "Coincidence window in nanoseconds instead of the recorded experiment's.")
    var windowNs: Int?

    @Option(help: "Write the JSON findings here.")
    var output: String?

    @Flag(help: "Analyse a record without an end record (a crashed run's .partial) up to its last intact record.")
    var salvage = false

    @OptionGroup(title: "Clicks from a time tagger")
    var tagging: TaggingOptions

    func validate() throws {
        try OptionBounds.check("--window-ns", windowNs, in: 1...RunLimits.longestCycleTimeNanoseconds, unit: "ns")
        if salvage && tagging.tags != nil { throw ValidationError("--salvage and --tags cannot be combined: the tags need the record's cycles, which only its end record gives") }
        try tagging.validate()
    }

    func run() throws {
        let window = windowNs.map { TimeSpan.nanoseconds(Int64($0)) }
        if let tags = tagging.tags {
            try TaggedAnalysis(record: record, tags: tags, options: tagging, window: window, output: output).run()
            return
        }
        // Read block by block straight into the analysis (memory flat in the record's length).
        let analysed: StreamedRecordAnalysis
        do {
            analysed = try StreamedRecordAnalysis.analyse(contentsOf: record, coincidenceWindow: window, salvage: salvage)
        } catch {
            printError("qdot analyze: \(error)")
            if !salvage, let intactClicks = error.intactClicks {
                printError("  qdot analyze --salvage \(record) analyses the \(intactClicks) intact clicks "
                           + "before that point (marked INCOMPLETE and SALVAGED)")
            }
            throw QdotExit.unreadableRecord.code
        }
        let findings = analysed.findings
        let experiment = analysed.header.experiment
        // (Each total is at most its setting's planned cycles, so the sum cannot overflow.)
        let cycles = analysed.cyclesPerSetting.reduce(0, +)
        let status = findings.salvage.map { " — \($0.status)" } ?? (analysed.complete ? "" : " — INCOMPLETE run")
        print("qdot analyze — \(record): \(experiment.name) (\(experiment.kind.name)), seed \(analysed.header.seed), "
              + "\(analysed.clicksAnalysed) clicks, \(cycles) \(findings.salvage == nil ? "" : "complete ")cycles\(status)")
        if salvage, findings.salvage == nil { print("  salvage       the record is whole (it has its end record): nothing to salvage") }
        if let info = findings.salvage { print(SalvageSummary.lines(info).joined(separator: "\n")) }
        if let windowNs { print("  window        \(windowNs) ns (recorded: \(experiment.timing.coincidenceWindow.nanoseconds) ns)") }
        print(ExperimentSummary.text(findings))
        if let output {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try OutputFiles.write(try encoder.encode(FindingsV1(findings)), to: output, what: "findings")
            print("  findings      \(output)")
        }
    }
}
