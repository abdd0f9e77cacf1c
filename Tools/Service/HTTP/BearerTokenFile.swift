#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a token file was refused, in words that name the file and say what to do.
public struct TokenFileRefusal: Error, Equatable, CustomStringConvertible {
    /// The whole message, starting with the file's path.
    public var description: String
}

/// The bearer token file `--token-file` names: a regular file nobody but its owner can read or
/// write (mode 0600 or 0400), holding one token of at least 16 characters with no whitespace or
/// control characters in it. A trailing newline (as `echo` and editors write) is ignored.
public enum BearerTokenFile {
    /// The shortest token accepted, in characters.
    public static let minimumTokenCharacters = 16

    /// Reads and checks the token; throws a refusal naming `path` when the file or token is unfit.
    public static func load(path: String) throws(TokenFileRefusal) -> String {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw TokenFileRefusal(description: "token file \(path): \(String(cString: strerror(errno)))")
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw TokenFileRefusal(description: "token file \(path): not a regular file")
        }
        let permissions = info.st_mode & 0o777
        guard permissions & 0o077 == 0 else {
            throw TokenFileRefusal(description: "token file \(path): mode \(octal(permissions)), expected 0600 or 0400: chmod 600 \(path)")
        }
        let bytes = try readAll(path)
        guard var token = String(validating: bytes, as: UTF8.self) else {
            throw TokenFileRefusal(description: "token file \(path): not UTF-8 text")
        }
        while let last = token.unicodeScalars.last, last.properties.isWhitespace {
            token.unicodeScalars.removeLast()
        }
        if let bad = token.unicodeScalars.first(where: { $0.properties.isWhitespace || $0.properties.generalCategory == .control }) {
            throw TokenFileRefusal(description: "token file \(path): the token holds a whitespace or control character (U+\(hex(bad.value))); use letters, digits and punctuation only")
        }
        guard token.count >= minimumTokenCharacters else {
            throw TokenFileRefusal(description: "token file \(path): the token is \(token.count) characters, at least \(minimumTokenCharacters) needed (e.g. openssl rand -hex 32 > \(path))")
        }
        return token
    }

    private static func readAll(_ path: String) throws(TokenFileRefusal) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw TokenFileRefusal(description: "token file \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var contents: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw TokenFileRefusal(description: "token file \(path): \(String(cString: strerror(errno)))") }
            if count == 0 { return contents }
            contents += chunk[0..<count]
            guard contents.count <= 4096 else { throw TokenFileRefusal(description: "token file \(path): larger than 4 KiB, not a token") }
        }
    }

    private static func octal(_ mode: mode_t) -> String {
        let digits = String(mode, radix: 8)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
