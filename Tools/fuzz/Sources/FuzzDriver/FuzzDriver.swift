// What every harness shares: hand a reader to libFuzzer, and turn its bytes into the reader's input.
import CLibFuzzer
#if canImport(Glibc)
import Glibc
#endif

/// Runs libFuzzer with this process's command line on `testOneInput` and exits with its code.
/// The harness is a C function of the input's `size` bytes at `data`, returning 0.
public func runLibFuzzer(_ testOneInput: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Never {
    var argumentCount = CommandLine.argc
    var arguments: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argumentCount, &arguments, testOneInput))
}

/// The input as bytes, copied (a run record or PTU file as read from disk).
public func fuzzInputBytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
    guard let data, size > 0 else { return [] }
    return Array(UnsafeBufferPointer(start: data, count: size))
}

/// The input as text, or nil when it is not UTF-8: the file readers refuse such a file before
/// parsing (`String(contentsOfFile:encoding: .utf8)` throws), so the parsers only ever see UTF-8.
public func fuzzInputText(_ data: UnsafePointer<UInt8>?, _ size: Int) -> String? {
    String(validating: fuzzInputBytes(data, size), as: UTF8.self)
}
