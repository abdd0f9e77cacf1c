/// Why a run record could not be read: the file, the byte offset where reading failed, and what
/// was expected there.
public struct RunRecordError: Error, CustomStringConvertible, Sendable {
    /// The record file.
    public var path: String
    /// The byte offset of the problem.
    public var offset: Int
    /// What is wrong.
    public var message: String
    /// Clicks before the problem that passed every check, when the header could be read (so
    /// `--salvage` can say what it would keep); nil otherwise.
    public var intactClicks: Int?

    /// An error.
    public init(path: String, offset: Int, message: String, intactClicks: Int? = nil) {
        self.path = path
        self.offset = offset
        self.message = message
        self.intactClicks = intactClicks
    }

    public var description: String { "\(path): byte offset \(offset): \(message)" }
}
