/// Clause 6.5, Error: the body of every 400, 401 and 503 answer.
public struct ETSIErrorBody: Codable, Sendable, Equatable, Error {
    /// What went wrong, for a person.
    public let message: String
    /// Details, each a one-entry object such as {"key_ID": "…"}; absent when there are none.
    public let details: [[String: String]]?

    /// An error body.
    public init(message: String, details: [[String: String]]? = nil) {
        self.message = message
        self.details = details
    }
}
