public import Physics

/// A station data file, loaded: the physics parameters of the simulated station, and where in
/// the file each field was written, so that a problem found later (by the physics model or
/// against the board) still points at file, line and field.
///
/// Load one with `StationDefinition.load(contentsOf:)` or `parse(text:fileName:)`; the shipped
/// station is `StationDefinition.simulatedStation` (Board/simulated.station.toml).
public struct StationDefinition: Hashable, Sendable {
    /// The station's name, shown in results.
    public var name: String
    /// One line about the station.
    public var description: String
    /// Every physics parameter, validated.
    public var parameters: StationParameters
    /// The name of the file it was read from (for messages).
    public var fileName: String
    /// The line of each field, by its full key (`detector.a-plus.efficiency`), and of each
    /// section, by its name (`detector.a-plus`).
    public var fieldLines: [String: Int]

    /// A definition from parts; `load`/`parse` are the checked way to make one.
    public init(name: String, description: String, parameters: StationParameters, fileName: String,
                fieldLines: [String: Int]) {
        self.name = name
        self.description = description
        self.parameters = parameters
        self.fileName = fileName
        self.fieldLines = fieldLines
    }

    /// The line where `field` (a full key) was written, or else the line of the nearest section
    /// that holds it; nil when the file has neither.
    public func line(ofField field: String) -> Int? {
        var key = field
        while true {
            if let line = fieldLines[key] { return line }
            guard let dot = key.lastIndex(of: ".") else { return nil }
            key = String(key[..<dot])
        }
    }

    /// `problem` with this file's name and the line of its field filled in.
    public func located(_ problem: ParameterProblem) -> ParameterProblem {
        var located = problem
        located.file = fileName
        located.line = line(ofField: problem.field)
        return located
    }
}
