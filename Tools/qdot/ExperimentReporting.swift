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
        let document = ExperimentOutputs.document(outcome, base: base, outputFaults: outputFaults)
        print(RunSummary.text(title: title, report: report, wall: document.wallClock))
        for line in extraLines { print(line) }
        print(ExperimentSummary.text(outcome.findings))
        for fault in document.faults ?? [] { print("  FAULT         \(fault)") }
        let figures: [ExperimentOutputs.WrittenFigure]
        do {
            figures = try ExperimentOutputs.write(document, of: outcome, to: output)
        } catch let fault as OutputFault {
            throw OutputFiles.notWritten(fault)
        }
        print("  result        \(output)")
        for figure in figures { print("  figure        \(figure.path)") }
        if !OutputTarget.of(output).isFile, ExperimentOutputs.hasFigures(outcome) {
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
}
