// fuzz-ptu: the PTU T2 reader (PTUReader, header and records) on arbitrary bytes.
// Any crash, trap or sanitizer report is a finding (Tools/fuzz/FINDINGS.md); thrown errors are
// the reader doing its job.
import FuzzDriver
import Records

runLibFuzzer { data, size in
    let bytes = fuzzInputBytes(data, size)
    // The whole file, header and every record, as `qdot tags` reads it.
    if let reader = try? PTUReader(bytes: bytes, path: "fuzz.ptu") { _ = try? reader.readAll() }
    return 0
}
