// fuzz-board: the board file decoder (BoardDefinition.parse) on arbitrary text.
// Any crash, trap or sanitizer report is a finding (Tools/fuzz/FINDINGS.md); thrown errors are
// the reader doing its job.
import Boards
import FuzzDriver

runLibFuzzer { data, size in
    guard let text = fuzzInputText(data, size) else { return 0 }
    _ = try? BoardDefinition.parse(text: text, fileName: "fuzz.board.toml")
    return 0
}
