import Experiments
public import Records
import Reports
import Foundation

/// What an experiment run leaves on disk, the same for `qdot sim`, `qdot run` and `qdot serve`:
/// the result document (JSON) and the SVG figures beside it (`STEM.NAME.svg`).
public enum ExperimentOutputs {
    /// The faults of a run in words, as the result document and the summary list them.
    public static func faults(_ outcome: ExperimentRun, outputFaults: [OutputFault] = []) -> [String] {
        var faults: [String] = []
        if let recordFault = outcome.recordFault { faults.append(incompleteRecord(outcome.recordPath, recordFault)) }
        faults += outputFaults.map(\.description)
        let report = outcome.report
        if report.clickEventsDropped > 0 { faults.append("\(report.clickEventsDropped) click events dropped: the analysis ring was full") }
        if report.lostEdges > 0 { faults.append("\(report.lostEdges) edges lost by the backend") }
        return faults
    }

    /// `base` (board, seed, schedule, report, wall clock) completed with the run's experiment,
    /// findings, record and faults.
    public static func document(_ outcome: ExperimentRun, base: ResultDocument, outputFaults: [OutputFault] = []) -> ResultDocument {
        var document = base
        document.experiment = outcome.experiment
        document.findings = outcome.findings
        document.recordFile = outcome.recordPath
        let faults = faults(outcome, outputFaults: outputFaults)
        document.faults = faults.isEmpty ? nil : faults
        return document
    }

    /// A figure written beside the result.
    public struct WrittenFigure: Sendable, Equatable {
        /// The figure's name (`correlation`, `chsh`, …).
        public var name: String
        /// Where it was written.
        public var path: String
    }

    /// Writes `document` to `output` and the run's figures beside it (only when `output` is a
    /// file: a device or a pipe has no folder beside it). Returns the figures written.
    /// - Throws: `OutputFault` naming the first file that could not be written.
    public static func write(_ document: ResultDocument, of outcome: ExperimentRun, to output: String) throws -> [WrittenFigure] {
        try write(try document.jsonData(), to: output, what: "result")
        guard OutputTarget.of(output).isFile else { return [] }
        let stem = output.hasSuffix(".json") ? String(output.dropLast(5)) : output
        var written: [WrittenFigure] = []
        for figure in SVGFigures.all(outcome.findings, experiment: outcome.experiment) {
            let path = "\(stem).\(figure.name).svg"
            try write(Data(figure.svg.utf8), to: path, what: "figure")
            written.append(WrittenFigure(name: figure.name, path: path))
        }
        return written
    }

    /// Whether the run has figures to write (so a caller can say none were written to a pipe).
    public static func hasFigures(_ outcome: ExperimentRun) -> Bool {
        !SVGFigures.all(outcome.findings, experiment: outcome.experiment).isEmpty
    }

    static func write(_ data: Data, to path: String, what: String) throws {
        do { try AtomicFile.write(data, to: path) } catch { throw OutputFault(.write, what, path: path, error: error) }
    }

    /// The fault line for a record that stopped short: which file holds what was written, why it
    /// stopped, and how to read it.
    static func incompleteRecord(_ path: String?, _ fault: OutputFault) -> String {
        guard let path else { return "record: \(fault)" }
        return "record \(path) is incomplete (it holds the run up to the fault; `qdot analyze --salvage \(path)` reads it): \(fault)"
    }
}
