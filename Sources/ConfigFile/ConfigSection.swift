/// One `[section]` of a config file with its entries in file order.
///
/// Section names are the dotted header text (`board`, `line.trigger`); sections are flat, so
/// `[line.trigger]` does not need a `[line]` before it. Keys written before the first header
/// belong to the root section, whose name is empty.
public struct ConfigSection: Hashable, Sendable {
    /// The dotted name (`line.trigger`), or "" for the root section.
    public let name: String
    /// The 1-based line of the header (1 for the root section).
    public let line: Int
    /// The entries in file order; keys are unique within a section.
    public let entries: [ConfigEntry]

    /// A section as the parser found it.
    public init(name: String, line: Int, entries: [ConfigEntry]) {
        self.name = name
        self.line = line
        self.entries = entries
    }

    /// The parts of the dotted name: `["line", "trigger"]`.
    public var nameComponents: [String] {
        name.isEmpty ? [] : name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    }

    /// The entry for `key`, if the section has one.
    public func entry(_ key: String) -> ConfigEntry? { entries.first { $0.key == key } }

    /// The dotted field path of `key` in this section, as errors name it: `line.trigger.chip`.
    public func fieldPath(_ key: String) -> String { name.isEmpty ? key : "\(name).\(key)" }
}
