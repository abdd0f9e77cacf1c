// fuzz-station: the station file decoder (StationDefinition.parse) on arbitrary text.
// Any crash, trap or sanitizer report is a finding (Tools/fuzz/FINDINGS.md); thrown errors are
// the reader doing its job.
import Boards
import FuzzDriver

runLibFuzzer { data, size in
    guard let text = fuzzInputText(data, size) else { return 0 }
    _ = try? StationDefinition.parse(text: text, fileName: "fuzz.station.toml")
    return 0
}
