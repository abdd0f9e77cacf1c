import Foundation

/// An output file qdot could not write: which file, what it was doing, and the operating
/// system's reason, as one line: `cannot create record /x/y.qdotrec.partial: No such file or
/// directory (errno 2)`. Every such fault ends a command with exit 5 (QdotExit.outputNotWritten).
public struct OutputFault: Error, Equatable, CustomStringConvertible, Sendable {
    /// What qdot was doing with the file.
    public enum Action: String, Sendable {
        case create, write, rename, close
    }

    /// What the file is, in a word or two: "record", "result", "figure", "VCD trace".
    public var what: String
    /// The file's path as given (for a record being written, its `.partial`).
    public var path: String
    public var action: Action
    /// The errno the system call failed with, nil when the failure carried none.
    public var errorNumber: Int32?
    /// The system's words for `errorNumber` (strerror), or the failure's own description.
    public var reason: String

    /// A fault with the operating system's error number.
    public init(_ action: Action, _ what: String, path: String, errorNumber: Int32) {
        self.init(action, what, path: path, errorNumber: errorNumber, reason: String(cString: strerror(errorNumber)))
    }

    /// A fault from a thrown error: its errno when it carries one (a POSIX error, or a Foundation
    /// error with one underneath), else its description.
    public init(_ action: Action, _ what: String, path: String, error: any Error) {
        if var fault = error as? OutputFault {
            fault.what = what
            self = fault
        } else if let number = Self.errorNumber(in: error) {
            self.init(action, what, path: path, errorNumber: number)
        } else {
            self.init(action, what, path: path, errorNumber: nil, reason: "\(error)")
        }
    }

    /// A fault whose reason is already in words (a writer's own message).
    public init(_ action: Action, _ what: String, path: String, reason: String) {
        self.init(action, what, path: path, errorNumber: nil, reason: reason)
    }

    /// The system's reason inside `error` as `No space left on device (errno 28)`, else the
    /// error's description.
    public static func systemReason(of error: any Error) -> String {
        guard let number = errorNumber(in: error) else { return "\(error)" }
        return "\(String(cString: strerror(number))) (errno \(number))"
    }

    private init(_ action: Action, _ what: String, path: String, errorNumber: Int32?, reason: String) {
        self.action = action
        self.what = what
        self.path = path
        self.errorNumber = errorNumber
        self.reason = reason
    }

    /// The errno that creating a file at `path` fails with now, nil when it can be created (an
    /// empty file the probe created is removed again). Foundation's own reasons can mislead: a
    /// folder on the way that is a regular file makes it say "file exists", not "not a directory",
    /// and `FileManager.createFile` says only that it failed.
    public static func creationProblem(at path: String) -> Int32? {
        let existed = access(path, F_OK) == 0
        let descriptor = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | O_NONBLOCK, 0o644)
        guard descriptor >= 0 else { return errno }
        close(descriptor)
        if !existed { unlink(path) }
        return nil
    }

    /// A fault writing `path` from `error`, with the system's answer to creating the file when it
    /// has one (see `creationProblem(at:)`), else the error's own errno or words.
    public static func writing(_ what: String, path: String, error: any Error) -> OutputFault {
        if let number = creationProblem(at: path) { return OutputFault(.write, what, path: path, errorNumber: number) }
        return OutputFault(.write, what, path: path, error: error)
    }

    /// The errno inside `error`: a POSIXError's code, an NSError in the POSIX domain, or one
    /// found under NSUnderlyingErrorKey (how Foundation wraps a failed system call).
    public static func errorNumber(in error: any Error) -> Int32? {
        if let posix = error as? POSIXError { return posix.code.rawValue }
        let nsError = error as NSError
        if nsError.domain == NSPOSIXErrorDomain { return Int32(truncatingIfNeeded: nsError.code) }
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? any Error { return errorNumber(in: underlying) }
        return nil
    }

    public var description: String {
        let number = errorNumber.map { " (errno \($0))" } ?? ""
        return "cannot \(action.rawValue) \(what) \(path): \(reason)\(number)"
    }
}
