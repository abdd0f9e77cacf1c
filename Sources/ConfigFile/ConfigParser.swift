/// Parses qdot's TOML subset into sections of entries, keeping the line and column of each.
///
/// The subset (a strict part of TOML v1.0.0, https://toml.io/en/v1.0.0):
/// - `# comments`, on their own line or after a value;
/// - `[section]` and `[dotted.section]` headers (bare names: letters, digits, `-`, `_`);
/// - `key = value` with a bare key;
/// - values: basic "strings" (escapes `\"`, `\\`, `\n`, `\t`), decimal integers (sign, `_`
///   separators), floats (fraction and/or exponent), `true`/`false`, and arrays of those on one line.
///
/// Not supported (each is an error saying so): quoted or dotted keys, literal 'strings',
/// multi-line strings and arrays, inline tables, `[[arrays of tables]]`, dates, hex/octal/binary.
/// One error per bad line is collected and parsing goes on with the next line.
struct ConfigParser {
    let fileName: String
    private var sections: [SectionBuilder] = [SectionBuilder(name: "", line: 1)]
    /// Index into `sections` that new keys go to; nil after a bad or duplicate header, whose keys are dropped.
    private var currentSection: Int? = 0
    private var errors: [ConfigError] = []

    private struct SectionBuilder {
        var name: String
        var line: Int
        var entries: [ConfigEntry] = []
    }

    init(fileName: String) { self.fileName = fileName }

    mutating func parse(_ text: String) throws(ConfigErrors) -> ConfigDocument {
        // TOML newlines are LF or CRLF; in Swift "\r\n" is one Character, so split on both.
        let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
        for (offset, lineText) in lines.enumerated() {
            let lineNumber = offset + 1
            do {
                try parseLine(lineText, lineNumber: lineNumber)
            } catch {
                errors.append(ConfigError(fileName: fileName, line: lineNumber, column: error.column,
                                          field: error.field, message: error.message))
            }
        }
        if let failure = ConfigErrors(errors) { throw failure }
        return ConfigDocument(fileName: fileName, sections: sections.map {
            ConfigSection(name: $0.name, line: $0.line, entries: $0.entries)
        })
    }

    private mutating func parseLine(_ line: Substring, lineNumber: Int) throws(ConfigSyntaxError) {
        var scanner = ConfigLineScanner(line)
        if scanner.isAtEndOrComment() { return }
        if scanner.next == "[" {
            try parseHeader(&scanner, lineNumber: lineNumber)
        } else {
            try parseEntry(&scanner, lineNumber: lineNumber)
        }
    }

    private mutating func parseHeader(_ scanner: inout ConfigLineScanner, lineNumber: Int) throws(ConfigSyntaxError) {
        currentSection = nil
        let headerColumn = scanner.column
        try scanner.expect("[", "expected '['")
        if scanner.next == "[" {
            throw ConfigSyntaxError(column: headerColumn, message: "arrays of tables [[…]] are not supported; use one [section] per item")
        }
        var components: [String] = []
        while true {
            scanner.skipWhitespace()
            components.append(try scanner.bareKey(what: "a section name"))
            scanner.skipWhitespace()
            if scanner.next == "." { try scanner.expect(".", ""); continue }
            try scanner.expect("]", "expected '.' or ']' in section header, found '\(scanner.rest)'")
            break
        }
        if !scanner.isAtEndOrComment() {
            throw ConfigSyntaxError(column: scanner.column,
                message: "unexpected text after section header: '\(scanner.rest)'; comments start with #")
        }
        let name = components.joined(separator: ".")
        if let earlier = sections.first(where: { $0.name == name }) {
            throw ConfigSyntaxError(column: headerColumn,
                message: "duplicate section [\(name)]; it was already opened on line \(earlier.line)")
        }
        sections.append(SectionBuilder(name: name, line: lineNumber))
        currentSection = sections.count - 1
    }

    private mutating func parseEntry(_ scanner: inout ConfigLineScanner, lineNumber: Int) throws(ConfigSyntaxError) {
        let keyColumn = scanner.column
        let key = try scanner.bareKey(what: "a key or a [section] header")
        scanner.skipWhitespace()
        if scanner.next == "." {
            throw ConfigSyntaxError(column: scanner.column,
                message: "dotted keys are not supported; put \"\(key)\" under a [section] header instead")
        }
        try scanner.expect("=", "expected '=' after key \"\(key)\", found '\(scanner.rest)'")
        scanner.skipWhitespace()
        let valueColumn = scanner.column
        let value = try scanner.value()
        if !scanner.isAtEndOrComment() {
            throw ConfigSyntaxError(column: scanner.column,
                message: "unexpected text after the value: '\(scanner.rest)'; one key = value per line, comments start with #")
        }
        guard let sectionIndex = currentSection else { return }
        if let earlier = sections[sectionIndex].entries.first(where: { $0.key == key }) {
            let field = sections[sectionIndex].name.isEmpty ? key : "\(sections[sectionIndex].name).\(key)"
            throw ConfigSyntaxError(column: keyColumn,
                message: "duplicate key \"\(key)\"; it was already set on line \(earlier.line)", field: field)
        }
        sections[sectionIndex].entries.append(
            ConfigEntry(key: key, value: value, line: lineNumber, keyColumn: keyColumn, valueColumn: valueColumn))
    }
}
