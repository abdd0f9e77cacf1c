import ArgumentParser
import Composition
import Firmware
import Foundation
import Records
import Reports

/// Reporting an experiment run the same way on every backend: summary, certified figures, faults,
/// the JSON result, the SVG figures and the record's path; exit 5 when an output file could not be
/// written (the record, or one in `outputFaults`), else exit 4 when the run stopped early, else exit 7
/// when it completed but lost clicks.
enum ExperimentReporting {
    /// Prints and writes everything an experiment run produced.
    ///
    /// - Parameters:
    ///   - outcome: the run.
    ///   - title: the summary's first line.
    ///   - document: the result document, without the experiment's parts (they are filled in here).
    ///   - output: the JSON result's path; figures go beside it.
    ///   - extraLines: backend-specific summary lines (the real-time setup on a lab board).
    ///   - outputFaults: other output files of the run that could not be written (the tags file).
    static func report(_ outcome: ExperimentRun, title: String, document base: ResultDocument, output: String,
                       extraLines: [String] = [], outputFaults: [OutputFault] = []) throws {
        let report = outcome.report
        var document = base
        document.experiment = outcome.experiment
        document.findings = outcome.findings
        document.recordFile = outcome.recordPath
        var faults: [String] = []
        if let recordFault = outcome.recordFault { faults.append(incompleteRecord(outcome.recordPath, recordFault)) }
        faults += outputFaults.map(\.description)
        if report.clickEventsDropped > 0 { faults.append("\(report.clickEventsDropped) click events dropped: the analysis ring was full") }
        if report.lostEdges > 0 { faults.append("\(report.lostEdges) edges lost by the backend") }
        document.faults = faults.isEmpty ? nil : faults

        print(RunSummary.text(title: title, report: report, wall: document.wallClock))
        for line in extraLines { print(line) }
        print(ExperimentSummary.text(outcome.findings))
        for fault in faults { print("  FAULT         \(fault)") }
        try OutputFiles.write(document.jsonData(), to: output, what: "result")
        print("  result        \(output)")
        let figures = SVGFigures.all(outcome.findings, experiment: outcome.experiment)
        if OutputTarget.of(output).isFile {
            let stem = output.hasSuffix(".json") ? String(output.dropLast(5)) : output
            for figure in figures {
                let path = "\(stem).\(figure.name).svg"
                try OutputFiles.write(Data(figure.svg.utf8), to: path, what: "figure")
                print("  figure        \(path)")
            }
        } else if !figures.isEmpty {
            print("  figures       not written: the result goes to \(output), a device or a pipe, with no folder beside it")
        }
        if let path = outcome.recordPath {
            print("  record        \(path)" + (outcome.recordFault == nil ? "" : " (INCOMPLETE: see the FAULT above)"))
        }
        let notWritten = (outcome.recordFault.map { [$0] } ?? []) + outputFaults
        for fault in notWritten { printError("qdot: \(fault)") }
        if !notWritten.isEmpty { throw QdotExit.outputNotWritten.code }
        if !report.complete { throw QdotExit.stoppedEarly.code }
        if report.clicksLost { throw QdotExit.dataLost.code }
    }

    /// The fault line for a record that stopped short: which file holds what was written, why it
    /// stopped, and how to read it.
    static func incompleteRecord(_ path: String?, _ fault: OutputFault) -> String {
        guard let path else { return "record: \(fault)" }
        return "record \(path) is incomplete (it holds the run up to the fault; `qdot analyze --salvage \(path)` reads it): \(fault)"
    }
}
