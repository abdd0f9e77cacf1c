/// Station data that a model refused to run with: every problem found, not just the first.
public struct StationDataError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The problems, in the order the fields were checked.
    public var problems: [ParameterProblem]

    /// An error listing `problems`.
    public init(problems: [ParameterProblem]) { self.problems = problems }

    /// Throws when `problems` is not empty.
    public static func check(_ problems: [ParameterProblem]) throws(StationDataError) {
        if !problems.isEmpty { throw StationDataError(problems: problems) }
    }

    public var description: String {
        "invalid station data:\n" + problems.map { "  " + $0.description }.joined(separator: "\n")
    }
}
