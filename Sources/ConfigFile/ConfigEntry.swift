/// One `key = value` line of a config file, with where it was written.
public struct ConfigEntry: Hashable, Sendable {
    /// The bare key (letters, digits, `-`, `_`).
    public let key: String
    /// The parsed value.
    public let value: ConfigValue
    /// The 1-based line of the entry.
    public let line: Int
    /// The 1-based column where the key starts.
    public let keyColumn: Int
    /// The 1-based column where the value starts.
    public let valueColumn: Int

    /// An entry as the parser found it.
    public init(key: String, value: ConfigValue, line: Int, keyColumn: Int, valueColumn: Int) {
        self.key = key
        self.value = value
        self.line = line
        self.keyColumn = keyColumn
        self.valueColumn = valueColumn
    }
}
