/// One mistake in a config file: where it is, which field, and what was expected.
///
/// Its description reads like a compiler's:
/// `board.toml:14: line.trigger.chip: expected a string like "qdot-sim", found integer 3`.
/// Syntax errors also give the column: `board.toml:7:12: unterminated string; …`.
public struct ConfigError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file's name as the user gave it (a path or a label such as `simulated.board.toml`).
    public var fileName: String
    /// The 1-based line, or nil when the error is about the whole file (it could not be read).
    public var line: Int?
    /// The 1-based column (in Unicode scalars), for syntax errors; nil for errors about a field.
    public var column: Int?
    /// The dotted field the error is about (`line.trigger.chip`, `line.gate`), when there is one.
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
        if let line {
            text += ":\(line)"
            if let column { text += ":\(column)" }
        }
        text += ": "
        if let field, !field.isEmpty { text += "\(field): " }
        return text + message
    }
}
