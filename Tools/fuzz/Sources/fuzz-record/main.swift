// fuzz-record: the strict run record reader (RunRecord.parse) on arbitrary bytes.
// Any crash, trap or sanitizer report is a finding (Tools/fuzz/FINDINGS.md); thrown errors are
// the reader doing its job.
import FuzzDriver
import Records

runLibFuzzer { data, size in
    let bytes = fuzzInputBytes(data, size)
    _ = try? RunRecord.parse(bytes, path: "fuzz.qdotrec")
    return 0
}
