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
    /// Index into `sections` of each name, so a header is checked for duplicates in constant time.
    private var sectionIndex: [String: Int] = ["": 0]
    /// Index into `sections` that new keys go to; nil after a bad or duplicate header, whose keys are dropped.
    private var currentSection: Int? = 0
    private var errors: [ConfigError] = []

    private struct SectionBuilder {
        var name: String
        var line: Int
        var entries: [ConfigEntry] = []
        /// Line of each key set so far, so a duplicate key is found in constant time.
        var keyLines: [String: Int] = [:]
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
                                          field: error.field ?? "syntax", message: error.message))
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
            throw ConfigSyntaxError(column: headerColumn, message: "expected one [section] per item, found '\(scanner.rest)' (arrays of tables [[…]] are not supported)")
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
                message: "expected the end of the line or a # comment after the section header, found '\(scanner.rest)'")
        }
        let name = components.joined(separator: ".")
        if let earlier = sectionIndex[name] {
            throw ConfigSyntaxError(column: headerColumn,
                message: "expected each section once, found [\(name)] again (it was opened on line \(sections[earlier].line))",
                field: name)
        }
        sections.append(SectionBuilder(name: name, line: lineNumber))
        currentSection = sections.count - 1
        sectionIndex[name] = sections.count - 1
    }

    private mutating func parseEntry(_ scanner: inout ConfigLineScanner, lineNumber: Int) throws(ConfigSyntaxError) {
        let keyColumn = scanner.column
        let key = try scanner.bareKey(what: "a key or a [section] header")
        scanner.skipWhitespace()
        if scanner.next == "." {
            throw ConfigSyntaxError(column: scanner.column,
                message: "expected '=' after key \"\(key)\" (dotted keys are not supported; put \"\(key)\" under a [section] header), found '\(scanner.rest)'")
        }
        try scanner.expect("=", "expected '=' after key \"\(key)\", found '\(scanner.rest)'")
        scanner.skipWhitespace()
        let valueColumn = scanner.column
        let value = try scanner.value()
        if !scanner.isAtEndOrComment() {
            throw ConfigSyntaxError(column: scanner.column,
                message: "expected the end of the line or a # comment after the value (one key = value per line), found '\(scanner.rest)'",
                field: currentSection.map { sections[$0].name.isEmpty ? key : "\(sections[$0].name).\(key)" } ?? key)
        }
        guard let index = currentSection else { return }
        let field = sections[index].name.isEmpty ? key : "\(sections[index].name).\(key)"
        if let earlier = sections[index].keyLines[key] {
            throw ConfigSyntaxError(column: keyColumn,
                message: "expected each key once per section, found \"\(key)\" again (it was set on line \(earlier))", field: field)
        }
        sections[index].keyLines[key] = lineNumber
        sections[index].entries.append(
            ConfigEntry(key: key, value: value, line: lineNumber, keyColumn: keyColumn, valueColumn: valueColumn))
    }
}
