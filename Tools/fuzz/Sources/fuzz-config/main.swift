// fuzz-config: the TOML-subset reader (ConfigDocument.parse) on arbitrary text.
// Any crash, trap or sanitizer report is a finding (Tools/fuzz/FINDINGS.md); thrown errors are
// the reader doing its job.
import ConfigFile
import FuzzDriver

runLibFuzzer { data, size in
    guard let text = fuzzInputText(data, size) else { return 0 }
    _ = try? ConfigDocument.parse(text, fileName: "fuzz.toml")
    return 0
}
