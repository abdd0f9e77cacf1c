// fuzz-experiment: the experiment file decoder on arbitrary text, as far as `qdot check` goes
// without a board: the parse (ExperimentDefinition.parse) and the schedule it plans (where
// cycles × settings once overflowed). Any crash, trap or sanitizer report is a finding
// (Tools/fuzz/FINDINGS.md); thrown errors are the reader doing its job.
import Experiments
import FuzzDriver

runLibFuzzer { data, size in
    guard let text = fuzzInputText(data, size) else { return 0 }
    if let definition = try? ExperimentDefinition.parse(text: text, fileName: "fuzz.experiment.toml") {
        _ = try? definition.schedule()
    }
    return 0
}
