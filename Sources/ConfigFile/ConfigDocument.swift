/// A parsed config file: its sections in file order.
///
/// Parse with `ConfigDocument.parse(_:fileName:)`, then read it with a `ConfigReader`, which
/// checks types and ranges and reports every key nobody read.
public struct ConfigDocument: Hashable, Sendable {
    /// The file's name as errors show it.
    public let fileName: String
    /// The root section (keys before the first header; often empty) and then every `[section]`
    /// in file order.
    public let sections: [ConfigSection]

    /// A document from already-parsed sections.
    public init(fileName: String, sections: [ConfigSection]) {
        self.fileName = fileName
        self.sections = sections
    }

    /// The section named `name` ("" for the root section).
    public func section(_ name: String) -> ConfigSection? { sections.first { $0.name == name } }

    /// Parses `text` (the TOML subset described in `ConfigParser`), collecting one error per bad line.
    public static func parse(_ text: String, fileName: String) throws(ConfigErrors) -> ConfigDocument {
        var parser = ConfigParser(fileName: fileName)
        return try parser.parse(text)
    }
}
