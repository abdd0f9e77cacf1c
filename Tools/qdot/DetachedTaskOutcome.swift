import Dispatch
import Foundation

/// How a detached task ended, for the command's thread waiting on it (`qdot serve`, `qdot link`:
/// the argument parser's `run()` is synchronous; the servers are async).
final class DetachedTaskOutcome: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var message: String?
    private var code: Int32?
    /// Records a failure and the exit status it calls for.
    func fail(_ text: String, exit: Int32 = 1) { lock.lock(); message = text; code = exit; lock.unlock() }
    /// The task is over.
    func finish() { done.signal() }
    /// Blocks until ``finish()``.
    func wait() { done.wait() }
    /// The failure's message, if any.
    var failure: String? { lock.lock(); defer { lock.unlock() }; return message }
    /// The failure's exit status, if any.
    var exitStatus: Int32? { lock.lock(); defer { lock.unlock() }; return code }
}
