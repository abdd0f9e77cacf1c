// fuzz-config: the config reader on arbitrary bytes, as `qdot check` reads a file: the UTF-8 check
// (a bad byte is a syntax error on its line, never a trap), then the parse.
import ConfigFile
import FuzzDriver

runLibFuzzer { data, size in
    let bytes = fuzzInputBytes(data, size)
    guard let text = try? ConfigText.decodeUTF8(bytes, fileName: "fuzz.toml") else { return 0 }
    _ = try? ConfigDocument.parse(text, fileName: "fuzz.toml")
    return 0
}
