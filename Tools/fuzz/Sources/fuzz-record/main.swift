// fuzz-record: the strict run record reader on arbitrary bytes, as far as `qdot analyze` goes:
// the parse (RunRecord.parse), the figures of what parsed (RecordAnalysis), and the streaming
// analysis `qdot analyze` runs (StreamedRecordAnalysis). Any crash, trap or sanitizer report is a
// finding (Tools/fuzz/FINDINGS.md); thrown errors are the reader doing its job.
import FuzzDriver
import Records

runLibFuzzer { data, size in
    let bytes = fuzzInputBytes(data, size)
    if let record = try? RunRecord.parse(bytes, path: "fuzz.qdotrec") { _ = RecordAnalysis.findings(record) }
    _ = try? StreamedRecordAnalysis.analyse(bytes, path: "fuzz.qdotrec")
    return 0
}
