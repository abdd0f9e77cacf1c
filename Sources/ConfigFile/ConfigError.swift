/// One mistake in a config file: where it is, which field, and what was expected.
///
/// Every mistake has one form, `file:line: field: expected …, found …`:
/// `board.toml:14: line.trigger.chip: expected a string like "qdot-sim", found integer 3`.
/// Syntax errors name the key they are about, or `syntax`:
/// `exp.toml:7: syntax: expected '=' after key "name", found '"x"'`; a file that cannot be read
/// at all has no line: `exp.toml: file: expected a readable file, found no such file or directory`.
/// Control characters that came from the file (CR, ESC, …) are printed escaped (`\r`,
/// `\u{1B}`), never raw.
public struct ConfigError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file's name as the user gave it (a path or a label such as `simulated.board.toml`).
    public var fileName: String
    /// The 1-based line, or nil when the error is about the whole file (it could not be read).
    public var line: Int?
    /// The 1-based column (in Unicode scalars), for syntax errors; nil for errors about a field.
    /// Kept for tools and tests; the description leaves it out so every error reads the same.
    public var column: Int?
    /// The dotted field the error is about (`line.trigger.chip`, `line.gate`), `syntax` for a
    /// line that cannot be read as TOML, `file` for a file that cannot be read.
    public var field: String?
    /// What is wrong: what was expected and what was found.
    public var message: String

    /// An error at `line` (and `column`) of `fileName`, about `field`.
    public init(fileName: String, line: Int?, column: Int? = nil, field: String? = nil, message: String) {
        self.fileName = fileName
        self.line = line
        self.column = column
        self.field = field
        self.message = message
    }

    public var description: String {
        var text = fileName
        if let line { text += ":\(line)" }
        text += ": "
        if let field, !field.isEmpty { text += "\(field): " }
        return ConfigError.escapingControlCharacters(text + message)
    }

    /// `text` with every control character written as an escape (`\r`, `\n`, `\t`, `\u{1B}`),
    /// so a file's bytes can never move the terminal's cursor or change its colours.
    public static func escapingControlCharacters(_ text: String) -> String {
        // Fast path on the bytes: every character `isControl` matches starts with a byte below
        // 0x20, 0x7F, 0xC2 (U+0080…U+009F) or 0xE2 (U+2028…U+2069).
        func mayHoldControl(_ bytes: some Sequence<UInt8>) -> Bool {
            bytes.contains { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 || $0 == 0xE2 }
        }
        let suspect = text.utf8.withContiguousStorageIfAvailable { mayHoldControl($0) } ?? mayHoldControl(text.utf8)
        guard suspect, text.unicodeScalars.contains(where: isControl) else { return text }
        var escaped = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard isControl(scalar) else { escaped.append(scalar); continue }
            let replacement: String
            switch scalar {
            case "\r": replacement = "\\r"
            case "\n": replacement = "\\n"
            case "\t": replacement = "\\t"
            default: replacement = "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            }
            escaped.append(contentsOf: replacement.unicodeScalars)
        }
        return String(escaped)
    }

    /// C0 and C1 control characters and DEL (Unicode general category Cc), plus the line and
    /// paragraph separators and bidirectional overrides a terminal might honour.
    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}
