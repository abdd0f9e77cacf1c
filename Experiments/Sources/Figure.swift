/// One certified figure of a run: its value, its standard error, its unit and how it was found.
public struct Figure: Sendable, Hashable {
    /// The stable key ("chsh-s", "visibility-hv", "qber-hv").
    public var key: FigureKey
    /// What it is, in words.
    public var name: String
    /// The value.
    public var value: Double
    /// One standard error (the method says which error).
    public var standardError: Double
    /// The unit ("" for a pure number).
    public var unit: String
    /// How the value and its error were obtained, with the reference.
    public var method: String

    /// A figure.
    public init(key: FigureKey, name: String, value: Double, standardError: Double, unit: String = "", method: String) {
        self.key = key
        self.name = name
        self.value = value
        self.standardError = standardError
        self.unit = unit
        self.method = method
    }
}
