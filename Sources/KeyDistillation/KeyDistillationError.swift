/// What went wrong in a distillation step: a parameter out of range, or a peer's message that
/// cannot be right. Each case names the thing that was wrong and what was expected.
public enum KeyDistillationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A parameter (a length, a fraction, an ε) outside its range.
    case invalidParameter(name: String, value: String, expected: String)
    /// A message's bytes that do not decode: truncated, a wrong kind byte, trailing bytes, a bad field.
    case malformedMessage(message: String, detail: String)
    /// A message longer than its limit (rejected before anything is allocated for it).
    case oversizedMessage(message: String, byteCount: Int, limitBytes: Int)
    /// A well-formed message that does not fit this party's state (another key length, a reply
    /// with the wrong number of parities, a request for a block that does not exist).
    case protocolMismatch(step: String, detail: String)

    /// What was wrong, where, and what was expected, in a sentence.
    public var description: String {
        switch self {
        case let .invalidParameter(name, value, expected): "\(name) is \(value), expected \(expected)"
        case let .malformedMessage(message, detail): "malformed \(message): \(detail)"
        case let .oversizedMessage(message, byteCount, limitBytes): "\(message) of \(byteCount) bytes exceeds its limit of \(limitBytes) bytes"
        case let .protocolMismatch(step, detail): "\(step): \(detail)"
        }
    }
}
