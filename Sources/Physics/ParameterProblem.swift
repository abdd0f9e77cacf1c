/// One thing wrong with station data: which field (by its key in the station file), what value
/// was found, and what was expected.
///
/// Physics knows fields only; whoever loads the station file fills in `file` and `line` so the
/// message points at the place a person must edit.
public struct ParameterProblem: Error, Hashable, Sendable, CustomStringConvertible {
    /// The field's key in the station file, for example `detector.a-plus.efficiency`.
    public var field: String
    /// The offending value as written or computed, for example `-0.1`.
    public var found: String
    /// What a valid value looks like, for example `a probability in [0, 1]`.
    public var expected: String
    /// The station file the value came from, once the loader knows it.
    public var file: String?
    /// The 1-based line in `file`, once the loader knows it.
    public var line: Int?

    /// A problem with `field`: `found` is not `expected`.
    public init(field: String, found: String, expected: String, file: String? = nil, line: Int? = nil) {
        self.field = field
        self.found = found
        self.expected = expected
        self.file = file
        self.line = line
    }

    /// The same problem with the key prefixed, for a struct nested under `prefix` in the file.
    public func nested(under prefix: String) -> ParameterProblem {
        var copy = self
        copy.field = prefix + "." + field
        return copy
    }

    public var description: String {
        var place = ""
        if let file { place = file + (line.map { ":\($0)" } ?? "") + ": " }
        return "\(place)\(field) is \(found); expected \(expected)"
    }
}
