import Foundation

/// A value behind a pthread mutex (NSLock), for state the server's tasks share. Not the
/// Synchronization module's `Mutex`: on Linux that one locks with raw futex calls, which
/// ThreadSanitizer cannot see, so it reports every access under it as a race.
final class LockedState<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()

    init(_ value: Value) { self.value = value }

    /// Runs `body` with the value, under the lock.
    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
