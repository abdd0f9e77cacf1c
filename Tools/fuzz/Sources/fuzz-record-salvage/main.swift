// fuzz-record-salvage: the salvage run record reader on arbitrary bytes, as far as
// `qdot analyze --salvage` goes: SalvagedRunRecord.parse, its figures (RecordAnalysis) and the
// streaming salvage analysis. Several of the audit's traps lived past the parse, in the salvage
// analysis, so the harness goes there. Any crash, trap or sanitizer report is a finding
// (Tools/fuzz/FINDINGS.md); thrown errors are the reader doing its job.
import FuzzDriver
import Records

runLibFuzzer { data, size in
    let bytes = fuzzInputBytes(data, size)
    if let salvaged = try? SalvagedRunRecord.parse(bytes, path: "fuzz.qdotrec") { _ = RecordAnalysis.findings(salvaged) }
    _ = try? StreamedRecordAnalysis.analyse(bytes, path: "fuzz.qdotrec", salvage: true)
    return 0
}
