import Foundation

/// Reads a named pipe to its end on a thread of its own (opening a FIFO blocks until its writer
/// opens it, so it must not take one of the few threads Swift's task pool has).
final class PipeReader: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var data = Data()

    init(_ path: String) {
        Thread {
            self.data = FileHandle(forReadingAtPath: path)?.readDataToEndOfFile() ?? Data()
            self.done.signal()
        }.start()
    }

    /// Everything the pipe delivered once its writer closed it; nil when no writer finished within
    /// `seconds` (a writer that replaced the pipe instead of opening it never comes).
    func contents(waitingAtMost seconds: Double = 30) -> Data? {
        guard done.wait(timeout: .now() + seconds) == .success else { return nil }
        done.signal()
        return data
    }
}
