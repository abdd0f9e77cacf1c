// fuzz-profile: the timing profile decoder (TimingProfile.parse) on arbitrary text.
// Any crash, trap or sanitizer report is a finding (Tools/fuzz/FINDINGS.md); thrown errors are
// the reader doing its job.
import Boards
import FuzzDriver
import HAL

runLibFuzzer { data, size in
    guard let text = fuzzInputText(data, size) else { return 0 }
    _ = try? TimingProfile.parse(text: text, fileName: "fuzz.profile.toml")
    return 0
}
