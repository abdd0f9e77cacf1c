/// Reads the pieces of one line of a config file: keys, section names and values.
///
/// Works on the line's Unicode scalars; columns are 1-based scalar positions. Every method
/// either consumes what it recognizes or throws a `ConfigSyntaxError` at the offending column.
struct ConfigLineScanner {
    private let scalars: [Unicode.Scalar]
    private(set) var index = 0

    init(_ line: Substring) { scalars = Array(line.unicodeScalars) }

    /// The 1-based column of the next character.
    var column: Int { index + 1 }
    /// Whether the whole line has been read.
    var isAtEnd: Bool { index >= scalars.count }
    /// The next character, if any.
    var next: Unicode.Scalar? { isAtEnd ? nil : scalars[index] }

    mutating func skipWhitespace() {
        while let scalar = next, scalar == " " || scalar == "\t" { index += 1 }
    }

    /// True when only whitespace and perhaps a `# comment` remain.
    mutating func isAtEndOrComment() -> Bool {
        skipWhitespace()
        return isAtEnd || next == "#"
    }

    /// The rest of the line from the current position, for "found …" messages.
    var rest: String {
        var text = ConfigLineScanner.text(scalars[index...])
        if text.count > 24 { text = String(text.prefix(24)) + "…" }
        return text
    }

    /// `scalars` as a string, encoded straight into the string's storage (building it through a
    /// `String.UnicodeScalarView` appended scalar by scalar took a third of the parse).
    static func text<Scalars: Collection<Unicode.Scalar>>(_ scalars: Scalars) -> String {
        String(unsafeUninitializedCapacity: scalars.count * 4) { buffer in
            var count = 0
            for scalar in scalars {
                Unicode.UTF8.encode(scalar) { byte in
                    buffer[count] = byte
                    count += 1
                }
            }
            return count
        }
    }

    static func isBareKeyCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "A"..."Z", "a"..."z", "0"..."9", "-", "_": true
        default: false
        }
    }

    /// A bare key: letters, digits, `-`, `_`.
    mutating func bareKey(what: String) throws(ConfigSyntaxError) -> String {
        let start = index
        while let scalar = next, ConfigLineScanner.isBareKeyCharacter(scalar) { index += 1 }
        if index == start {
            if next == "\"" || next == "'" {
                throw ConfigSyntaxError(column: column, message: "expected \(what) (letters, digits, - and _; quoted keys are not supported), found '\(rest)'")
            }
            let found = isAtEnd ? "the end of the line" : "'\(rest)'"
            throw ConfigSyntaxError(column: column, message: "expected \(what) (letters, digits, - and _), found \(found)")
        }
        return ConfigLineScanner.text(scalars[start..<index])
    }

    /// Consumes `scalar` if it is next; whether it was. (The caller builds its error message
    /// only when it was not: building it for every line cost a tenth of the parse.)
    mutating func skip(_ scalar: Unicode.Scalar) -> Bool {
        guard next == scalar else { return false }
        index += 1
        return true
    }

    /// A value: "string", number, true/false or a one-line [array].
    mutating func value() throws(ConfigSyntaxError) -> ConfigValue {
        guard let first = next, first != "#" else {
            throw ConfigSyntaxError(column: column,
                message: "expected a value after '=' (a \"string\", a number, true/false or [array]), found \(isAtEnd ? "the end of the line" : "a comment")")
        }
        switch first {
        case "\"": return .string(try basicString())
        case "'":
            throw ConfigSyntaxError(column: column, message: "expected a \"double-quoted\" string, found '\(rest)' (single-quoted strings are not supported)")
        case "[": return .array(try array())
        default: return try bareValue()
        }
    }

    /// A basic string; the opening quote is next.
    private mutating func basicString() throws(ConfigSyntaxError) -> String {
        let openingColumn = column
        index += 1
        var text: [Unicode.Scalar] = []
        while let scalar = next {
            index += 1
            switch scalar {
            case "\"":
                return ConfigLineScanner.text(text)
            case "\\":
                guard let escaped = next else { break }
                switch escaped {
                case "\"": text.append("\"")
                case "\\": text.append("\\")
                case "n": text.append("\n")
                case "t": text.append("\t")
                default:
                    throw ConfigSyntaxError(column: column - 1,
                        message: "expected an escape \\\", \\\\, \\n or \\t in the string, found \\\(escaped)")
                }
                index += 1
            default:
                text.append(scalar)
            }
        }
        throw ConfigSyntaxError(column: openingColumn,
            message: "expected the closing \" of the string on the same line (a \\\" inside a string does not close it), found the end of the line")
    }

    /// A one-line array; the `[` is next. Elements may be of any value kind; a trailing comma is allowed.
    private mutating func array() throws(ConfigSyntaxError) -> [ConfigValue] {
        let openingColumn = column
        index += 1
        var elements: [ConfigValue] = []
        while true {
            skipWhitespace()
            if next == "]" { index += 1; return elements }
            if isAtEnd || next == "#" {
                throw ConfigSyntaxError(column: openingColumn, message: "expected ] closing the array on the same line, found the end of the line")
            }
            elements.append(try value())
            skipWhitespace()
            if next == "," { index += 1; continue }
            if next == "]" { index += 1; return elements }
            if isAtEnd || next == "#" {
                throw ConfigSyntaxError(column: openingColumn, message: "expected ] closing the array on the same line, found the end of the line")
            }
            throw ConfigSyntaxError(column: column, message: "expected ',' or ']' in array, found '\(rest)'")
        }
    }

    /// true, false, an integer or a float: a run of characters up to whitespace, `,`, `]` or `#`.
    private mutating func bareValue() throws(ConfigSyntaxError) -> ConfigValue {
        let start = index
        while let scalar = next, scalar != " ", scalar != "\t", scalar != ",", scalar != "]", scalar != "#" { index += 1 }
        let token = ConfigLineScanner.text(scalars[start..<index])
        let startColumn = start + 1
        switch token {
        case "true": return .boolean(true)
        case "false": return .boolean(false)
        default: break
        }
        do {
            return try ConfigNumberLiteral.parse(token)
        } catch {
            throw ConfigSyntaxError(column: startColumn, message: error.message)
        }
    }
}
