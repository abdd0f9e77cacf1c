/// Why saved session state was refused: each case names the field (as docs/link-channel.md's
/// "Across restarts" table does) and its byte offset.
public enum LinkSessionSnapshotError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The bytes end inside `field`.
    case truncated(field: String, offset: Int, neededBytes: Int, availableBytes: Int)
    /// `field` holds a value the format does not allow.
    case invalidField(field: String, offset: Int, reason: String)
    /// The check over all bytes before it does not match: the content changed after it was written.
    case checkMismatch(offset: Int)
    /// Bytes follow the check.
    case trailingBytes(offset: Int, count: Int)

    public var description: String {
        switch self {
        case .truncated(let field, let offset, let needed, let available):
            "session state truncated in \(field) at byte \(offset): \(needed) bytes needed, \(available) left"
        case .invalidField(let field, let offset, let reason):
            "session state field \(field) at byte \(offset): \(reason)"
        case .checkMismatch(let offset):
            "session state check at byte \(offset) does not match the bytes before it: the state is corrupt"
        case .trailingBytes(let offset, let count):
            "session state has \(count) bytes after its check, at byte \(offset)"
        }
    }
}
