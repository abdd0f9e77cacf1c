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
        /// Line of each key set so far, once the section has more than a few (fewer are
        /// searched in `entries`), so a duplicate key is found in constant time.
        var keyLines: [String: Int] = [:]

        /// Adds `entry` unless its key was set before; then the line it was set on. Keys are
        /// indexed once there are more than a few, and hashed once per entry.
        mutating func add(_ entry: ConfigEntry) -> Int? {
            if entries.count < 8 {
                if let earlier = entries.first(where: { $0.key == entry.key }) { return earlier.line }
            } else {
                if entries.count == 8 { for earlier in entries { keyLines[earlier.key] = earlier.line } }
                if let earlier = keyLines.updateValue(entry.line, forKey: entry.key) {
                    keyLines[entry.key] = earlier
                    return earlier
                }
            }
            entries.append(entry)
            return nil
        }
    }

    init(fileName: String) { self.fileName = fileName }

    mutating func parse(_ text: String) throws(ConfigErrors) -> ConfigDocument {
        // TOML newlines are LF or CRLF. Split on the LF byte (no grapheme breaking: a quarter of
        // the parse when it split on Characters) and drop the CR of a CRLF.
        var lineNumber = 0
        let utf8 = text.utf8
        var lineStart = utf8.startIndex
        while true {
            let lineEnd = utf8[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? utf8.endIndex
            var contentEnd = lineEnd
            if contentEnd > lineStart, utf8[utf8.index(before: contentEnd)] == UInt8(ascii: "\r") {
                contentEnd = utf8.index(before: contentEnd)
            }
            lineNumber += 1
            do {
                try parseLine(text[lineStart..<contentEnd], lineNumber: lineNumber)
            } catch {
                errors.append(ConfigError(fileName: fileName, line: lineNumber, column: error.column,
                                          field: error.field ?? "syntax", message: error.message))
            }
            if lineEnd == utf8.endIndex { break }
            lineStart = utf8.index(after: lineEnd)
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
        _ = scanner.skip("[")
        if scanner.next == "[" {
            throw ConfigSyntaxError(column: headerColumn, message: "expected one [section] per item, found '\(scanner.rest)' (arrays of tables [[…]] are not supported)")
        }
        var components: [String] = []
        while true {
            scanner.skipWhitespace()
            components.append(try scanner.bareKey(what: "a section name"))
            scanner.skipWhitespace()
            if scanner.skip(".") { continue }
            guard scanner.skip("]") else {
                throw ConfigSyntaxError(column: scanner.column, message: "expected '.' or ']' in section header, found '\(scanner.rest)'")
            }
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
        guard scanner.skip("=") else {
            throw ConfigSyntaxError(column: scanner.column, message: "expected '=' after key \"\(key)\", found '\(scanner.rest)'")
        }
        scanner.skipWhitespace()
        let valueColumn = scanner.column
        let value = try scanner.value()
        if !scanner.isAtEndOrComment() {
            throw ConfigSyntaxError(column: scanner.column,
                message: "expected the end of the line or a # comment after the value (one key = value per line), found '\(scanner.rest)'",
                field: currentSection.map { sections[$0].name.isEmpty ? key : "\(sections[$0].name).\(key)" } ?? key)
        }
        guard let index = currentSection else { return }
        let entry = ConfigEntry(key: key, value: value, line: lineNumber, keyColumn: keyColumn, valueColumn: valueColumn)
        if let earlier = sections[index].add(entry) {
            throw ConfigSyntaxError(column: keyColumn,
                message: "expected each key once per section, found \"\(key)\" again (it was set on line \(earlier))",
                field: sections[index].name.isEmpty ? key : "\(sections[index].name).\(key)")
        }
    }
}
