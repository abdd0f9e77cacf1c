/// Every mistake found in one config file, in file order; never empty.
///
/// Parsing and loading collect what they can (each bad line, each bad field) so that one run
/// shows the user all of them; `first` is the earliest, with its exact position.
public struct ConfigErrors: Error, Hashable, Sendable, CustomStringConvertible {
    /// The errors, sorted by line (errors about the whole file first).
    public let errors: [ConfigError]

    /// The earliest error.
    public var first: ConfigError { errors[0] }

    /// The errors `first` and `rest`, sorted by line; keeping `first` guarantees the list is never empty.
    public init(_ first: ConfigError, _ rest: [ConfigError] = []) {
        errors = ConfigErrors.sortedByLine([first] + rest)
    }

    /// The errors in `list`, or nil when it is empty.
    public init?(_ list: [ConfigError]) {
        guard !list.isEmpty else { return nil }
        errors = ConfigErrors.sortedByLine(list)   // no copy of the list when it is in order already
    }

    /// One error per line of text, each a complete `file:line: field: message`.
    public var description: String { errors.map(\.description).joined(separator: "\n") }

    private static func sortedByLine(_ list: [ConfigError]) -> [ConfigError] {
        func key(_ error: ConfigError) -> (Int, Int) { (error.line ?? 0, error.column ?? 0) }
        // Most lists come in file order already (a parse, one loader pass): keep them as they are.
        if zip(list, list.dropFirst()).allSatisfy({ key($0) <= key($1) }) { return list }
        // Stable: errors on the same line keep the order they were found in.
        return list.enumerated().sorted { left, right in
            let leftKey = (left.element.line ?? 0, left.element.column ?? 0, left.offset)
            let rightKey = (right.element.line ?? 0, right.element.column ?? 0, right.offset)
            return leftKey < rightKey
        }.map(\.element)
    }
}
