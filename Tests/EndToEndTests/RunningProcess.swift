import Foundation

/// A program started in the background whose standard output and error are collected as they
/// come, so a test can wait for a piece of text, then type into it or signal it.
final class RunningProcess: @unchecked Sendable {
    let process = Process()
    private let input = Pipe()
    private let lock = NSLock()
    private var outputBytes = Data()
    private var errorBytes = Data()
    private let readersDone = DispatchGroup()

    /// Starts `executable` with `arguments` in `directory`.
    init(_ executable: URL, _ arguments: [String], in directory: URL) throws {
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardInput = input
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        collect(output.fileHandleForReading) { $0.outputBytes.append($1) }
        collect(error.fileHandleForReading) { $0.errorBytes.append($1) }
    }

    private func collect(_ handle: FileHandle, into append: @escaping @Sendable (RunningProcess, Data) -> Void) {
        readersDone.enter()
        Thread {
            while true {
                let chunk = handle.availableData   // empty at end of file
                if chunk.isEmpty { break }
                self.lock.lock()
                append(self, chunk)
                self.lock.unlock()
            }
            self.readersDone.leave()
        }.start()
    }

    /// Standard output so far.
    var standardOutput: String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: outputBytes, as: UTF8.self)
    }

    /// Standard error so far.
    var standardError: String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: errorBytes, as: UTF8.self)
    }

    /// Waits until `condition` holds or `seconds` pass; whether it held.
    func wait(seconds: Double, until condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while !condition() {
            if Date() >= deadline { return false }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return true
    }

    /// Writes `bytes` to the program's standard input.
    func type(_ bytes: [UInt8]) {
        input.fileHandleForWriting.write(Data(bytes))
    }

    /// Waits for the program to end (killing it after `seconds`) and for its output to be read;
    /// whether it ended by itself.
    func waitForExit(seconds: Double) -> Bool {
        let ended = wait(seconds: seconds) { !process.isRunning }
        if !ended { process.terminate() }
        process.waitUntilExit()
        try? input.fileHandleForWriting.close()
        readersDone.wait()
        return ended
    }
}
