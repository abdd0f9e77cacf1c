// fuzz-experiment: the experiment file decoder (ExperimentDefinition.parse) on arbitrary text.
// Any crash, trap or sanitizer report is a finding (Tools/fuzz/FINDINGS.md); thrown errors are
// the reader doing its job.
import Experiments
import FuzzDriver

runLibFuzzer { data, size in
    guard let text = fuzzInputText(data, size) else { return 0 }
    _ = try? ExperimentDefinition.parse(text: text, fileName: "fuzz.experiment.toml")
    return 0
}
