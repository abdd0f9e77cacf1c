/// Why a run record could not be read: the file, the byte offset where reading failed, and what
/// was expected there.
public struct RunRecordError: Error, CustomStringConvertible, Sendable {
    /// The record file.
    public var path: String
    /// The byte offset of the problem.
    public var offset: Int
    /// What is wrong.
    public var message: String

    /// An error.
    public init(path: String, offset: Int, message: String) {
        self.path = path
        self.offset = offset
        self.message = message
    }

    public var description: String { "\(path): byte offset \(offset): \(message)" }
}
