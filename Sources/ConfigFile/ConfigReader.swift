/// Reads typed fields out of a parsed config file and collects every mistake as a `ConfigError`.
///
/// A loader asks for sections and keys; the reader remembers what was asked, so `finish()` can
/// report every section and key nobody read as unknown (with its line, and the names that would
/// have been read), and typos never pass silently:
///
/// ```swift
/// var reader = ConfigReader(document)
/// if let board = reader.requiredSection("board") {
///     let name = reader.required("name", in: board, as: .nonEmptyString(like: "my-station"))
///     let profile = reader.value("timing-profile", in: board, as: .oneOf(TimingProfile.self), default: .ideal)
/// }
/// try reader.finish()   // throws every error found, sorted by line
/// ```
///
/// Accessors never throw: a missing or mistyped field records an error and yields nil (or the
/// default), so one pass over the file reports all of its mistakes at once.
public struct ConfigReader: Sendable {
    /// The document being read.
    public let document: ConfigDocument
    /// The errors recorded so far, in the order they were found.
    public private(set) var errors: [ConfigError] = []
    private var readSections: Set<String> = []
    private var readKeys: Set<FieldKey> = []
    /// Section names the loader asked for, in order (a `NAME.*` pattern for `subsections(of:)`).
    private var askedSections: [String] = []
    /// Keys the loader asked for in each section, in order.
    private var askedKeys: [String: [String]] = [:]

    private struct FieldKey: Hashable, Sendable {
        var section: String
        var key: String
    }

    /// A reader of `document` with nothing read yet.
    public init(_ document: ConfigDocument) { self.document = document }

    /// The file name errors carry.
    public var fileName: String { document.fileName }

    // MARK: Sections

    /// The section `name` if the file has it (marking it read); nil, without error, if not.
    public mutating func section(_ name: String) -> ConfigSection? {
        noteAsked(section: name)
        guard let section = document.section(name) else { return nil }
        readSections.insert(name)
        return section
    }

    /// The section `name`; records "missing section [name]" if the file lacks it.
    public mutating func requiredSection(_ name: String) -> ConfigSection? {
        guard let section = section(name) else {
            report("expected a [\(name)] section, found none", field: name, line: firstLine)
            return nil
        }
        return section
    }

    /// Every section whose name starts with `parent.` (`line.trigger`, `line.gate`…), in file
    /// order, marked read. The loader judges their names (and reports unknown ones).
    public mutating func subsections(of parent: String) -> [ConfigSection] {
        noteAsked(section: "\(parent).*")
        let found = document.sections.filter { $0.name.hasPrefix(parent + ".") }
        for section in found { readSections.insert(section.name) }
        return found
    }

    /// Marks every key of `section` as read, so `finish()` will not report them; for a section
    /// the loader has already reported as a whole (an unknown role, say).
    public mutating func ignoreKeys(of section: ConfigSection) {
        readSections.insert(section.name)
        for entry in section.entries { readKeys.insert(FieldKey(section: section.name, key: entry.key)) }
    }

    // MARK: Fields

    /// The value of a required `key`: records "missing required key" or a type error and
    /// returns nil when it is absent or does not fit `type`.
    public mutating func required<Value>(_ key: String, in section: ConfigSection, as type: ConfigType<Value>) -> Value? {
        guard let entry = take(key, in: section) else {
            report("expected \(type.expected), found no \"\(key)\" key",
                   field: section.fieldPath(key), line: section.line)
            return nil
        }
        return decode(entry, in: section, as: type)
    }

    /// The value of an optional `key`: nil, without error, when absent; nil with an error when it
    /// does not fit `type`.
    public mutating func optional<Value>(_ key: String, in section: ConfigSection, as type: ConfigType<Value>) -> Value? {
        guard let entry = take(key, in: section) else { return nil }
        return decode(entry, in: section, as: type)
    }

    /// The value of `key`, or `defaultValue` when it is absent (or, with an error recorded, when
    /// it does not fit `type`).
    public mutating func value<Value>(_ key: String, in section: ConfigSection, as type: ConfigType<Value>,
                                      default defaultValue: Value) -> Value {
        optional(key, in: section, as: type) ?? defaultValue
    }

    /// The raw entry for `key`, marked read; nil if absent. For loaders that check a key's
    /// presence or position themselves.
    public mutating func entry(_ key: String, in section: ConfigSection) -> ConfigEntry? {
        take(key, in: section)
    }

    // MARK: Errors

    /// Records an error about `field` at `line` (a rule the loader enforces across fields).
    public mutating func report(_ message: String, field: String?, line: Int?) {
        errors.append(ConfigError(fileName: fileName, line: line, field: field, message: message))
    }

    /// Records an error about `entry` of `section`.
    public mutating func report(_ message: String, about entry: ConfigEntry, in section: ConfigSection) {
        report(message, field: section.fieldPath(entry.key), line: entry.line)
    }

    /// Reports every section and key not read as unknown, then throws all errors (sorted by line)
    /// if there are any.
    public mutating func finish() throws(ConfigErrors) {
        // Built once: a file of many unknown sections costs one line per section, not one list each.
        let expectedSections = askedSections.isEmpty ? "no sections"
            : "one of the sections " + askedSections.map { "[\($0)]" }.joined(separator: ", ")
        for section in document.sections {
            if section.name.isEmpty || readSections.contains(section.name) {
                reportUnreadKeys(of: section)
            } else {
                report("expected \(expectedSections), found unknown section [\(section.name)]",
                       field: section.name, line: section.line)
            }
        }
        if let failure = ConfigErrors(errors) { throw failure }
    }

    // MARK: Private

    private var firstLine: Int { 1 }

    private mutating func noteAsked(section name: String) {
        if !askedSections.contains(name) { askedSections.append(name) }
    }

    private mutating func take(_ key: String, in section: ConfigSection) -> ConfigEntry? {
        if !(askedKeys[section.name]?.contains(key) ?? false) { askedKeys[section.name, default: []].append(key) }
        guard let entry = section.entry(key) else { return nil }
        readKeys.insert(FieldKey(section: section.name, key: key))
        return entry
    }

    private mutating func decode<Value>(_ entry: ConfigEntry, in section: ConfigSection, as type: ConfigType<Value>) -> Value? {
        switch type.decode(entry.value) {
        case .decoded(let value):
            return value
        case .mismatch(let found):
            report("expected \(type.expected), found \(found)", about: entry, in: section)
            return nil
        }
    }

    private mutating func reportUnreadKeys(of section: ConfigSection) {
        let known = askedKeys[section.name] ?? []
        for entry in section.entries where !readKeys.contains(FieldKey(section: section.name, key: entry.key)) {
            var message = (known.isEmpty ? "expected no keys here" : "expected one of the keys \(known.joined(separator: ", "))")
                + ", found unknown key \"\(entry.key)\""
            if let suggestion = ConfigReader.closest(to: entry.key, among: known) {
                message += "; did you mean \"\(suggestion)\"?"
            }
            report(message, about: entry, in: section)
        }
    }

    /// The known name within edit distance 2 of `name` (a likely typo), if there is one; for
    /// "did you mean" hints in loaders too.
    public static func closest(to name: String, among known: [String]) -> String? {
        known.map { ($0, editDistance(Array(name), Array($0))) }
            .filter { $0.1 <= 2 && $0.1 < max(name.count, 2) }
            .min { $0.1 < $1.1 }?.0
    }

    /// Levenshtein distance between two short strings.
    static func editDistance(_ left: [Character], _ right: [Character]) -> Int {
        var previous = Array(0...right.count)
        for (leftIndex, leftCharacter) in left.enumerated() {
            var current = [leftIndex + 1] + Array(repeating: 0, count: right.count)
            for (rightIndex, rightCharacter) in right.enumerated() {
                let substitution = previous[rightIndex] + (leftCharacter == rightCharacter ? 0 : 1)
                current[rightIndex + 1] = min(substitution, previous[rightIndex + 1] + 1, current[rightIndex] + 1)
            }
            previous = current
        }
        return previous[right.count]
    }
}
