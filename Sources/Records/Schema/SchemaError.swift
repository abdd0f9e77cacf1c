/// A stored file (record header, result) that decodes as JSON but does not make sense to this qdot:
/// which field, and what is wrong with it.
public struct SchemaError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The field's path ("experiment.kind", "report.finalState").
    public var field: String
    /// What is wrong.
    public var problem: String

    /// An error about `field`.
    public init(field: String, problem: String) {
        self.field = field
        self.problem = problem
    }

    public var description: String { "\(field): \(problem)" }
}
