/// A syntax error inside one line, before the parser attaches the file and line to it.
struct ConfigSyntaxError: Error {
    /// The 1-based column of the offending character.
    var column: Int
    /// What is wrong and what was expected.
    var message: String
    /// The dotted field, when the error is about one (a duplicate key).
    var field: String? = nil
}
