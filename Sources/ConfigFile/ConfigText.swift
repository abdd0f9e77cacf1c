#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The text of a config file: read from disk with the system's own reason when it cannot be,
/// and checked to be UTF-8, with the line of the first byte that is not.
public enum ConfigText {
    /// The bytes at `path` decoded as UTF-8.
    ///
    /// Anything that can be read to its end is read: a regular file, a pipe, `/dev/stdin`,
    /// `/dev/null` (an empty file). A missing file, a directory or one the user may not read is
    /// refused with the reason the system gives (`strerror`):
    /// `x.toml: file: expected a readable .experiment.toml file, found No such file or directory (errno 2)`.
    /// - Parameter what: the kind of file expected, for the error (".experiment.toml file").
    public static func read(contentsOf path: String, expecting what: String) throws(ConfigErrors) -> String {
        try decodeUTF8(try bytes(atPath: path, expecting: what), fileName: path)
    }

    /// `bytes` as UTF-8 text; otherwise the error names the line of the first bad byte:
    /// `x.toml:3: syntax: expected UTF-8 text, found byte 0xFF`.
    public static func decodeUTF8(_ bytes: [UInt8], fileName: String) throws(ConfigErrors) -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        var line = 1
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                if encoded.count == 1, encoded.first == UInt8(ascii: "\n") { line += 1 }
                offset += encoded.count
            case .error(let length):
                let found = bytes[offset..<min(offset + max(length, 1), bytes.count)]
                    .map { "0x" + String($0, radix: 16, uppercase: true) }.joined(separator: " ")
                throw ConfigErrors(ConfigError(fileName: fileName, line: line, field: "syntax",
                                               message: "expected UTF-8 text, found byte \(found)"))
            case .emptyInput:
                // Unreachable: String(validating:) refused the bytes, so the parser meets a bad one first.
                throw ConfigErrors(ConfigError(fileName: fileName, line: line, field: "syntax",
                                               message: "expected UTF-8 text, found bytes that are not"))
            }
        }
    }

    /// Every byte the file at `path` gives until its end.
    static func bytes(atPath path: String, expecting what: String) throws(ConfigErrors) -> [UInt8] {
        func failure(_ found: String) -> ConfigErrors {
            ConfigErrors(ConfigError(fileName: path, line: nil, field: "file",
                                     message: "expected a readable \(what), found \(found)"))
        }
        func systemReason(_ code: Int32) -> String { "\(String(cString: strerror(code))) (errno \(code))" }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure(systemReason(errno)) }
        defer { close(descriptor) }
        var status = stat()
        if fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR { throw failure("a directory") }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { readSome(descriptor, into: $0) }
            if count == 0 { return bytes }
            if count < 0 {
                if errno == EINTR { continue }
                throw failure(systemReason(errno))
            }
            bytes.append(contentsOf: chunk[0..<count])
        }
    }
}

/// The system's `read` (at file scope, where `ConfigText.read` does not hide it).
private func readSome(_ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer) -> Int {
    read(descriptor, buffer.baseAddress, buffer.count)
}
