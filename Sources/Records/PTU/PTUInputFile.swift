import Foundation

/// A file open for reading by position (pread), closed when the last reference goes: what the
/// PTU readers read their chunks through, with errors as `PTUError`s that name the file.
final class PTUInputFile {
    /// The file's path, for messages.
    let path: String
    /// The open descriptor.
    private let descriptor: Int32

    /// Opens `path` for reading. The corresponding C function is `open`.
    init(path: String) throws(PTUError) {
        self.path = path
        let opened = open(path, O_RDONLY | O_CLOEXEC)
        guard opened >= 0 else {
            throw PTUError(.unreadableFile, offset: 0, "cannot open the file (\(Self.systemMessage()))", path: path)
        }
        descriptor = opened
    }

    deinit { close(descriptor) }

    /// The file's length in bytes now. The corresponding C function is `fstat`.
    func size() throws(PTUError) -> Int {
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw PTUError(.unreadableFile, offset: 0, "cannot read the file's size (\(Self.systemMessage()))", path: path)
        }
        guard status.st_mode & S_IFMT == S_IFREG else {
            throw PTUError(.unreadableFile, offset: 0, "not a regular file (a folder, a device or a pipe)", path: path)
        }
        return Int(status.st_size)
    }

    /// Reads up to `buffer.count` bytes from `offset`, retrying short reads and EINTR; returns
    /// how many it read (fewer only at the end of the file). The corresponding C function is `pread`.
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws(PTUError) -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        var done = 0
        while done < buffer.count {
            let got = pread(descriptor, base + done, buffer.count - done, off_t(offset + done))
            if got > 0 {
                done += got
            } else if got == 0 {
                break
            } else if errno != EINTR {
                throw PTUError(.unreadableFile, offset: offset + done, "cannot read the file (\(Self.systemMessage()))", path: path)
            }
        }
        return done
    }

    /// The first `count` bytes of the file (fewer if it is shorter).
    func prefix(_ count: Int) throws(PTUError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        let got = try PTUError.typed { try bytes.withUnsafeMutableBytes { try read(into: $0, at: 0) } }
        bytes.removeSubrange(got...)
        return bytes
    }

    /// The header at the start of the file, reading more of it until the header is whole;
    /// `fileSize` is where the file is taken to end. Nil when the file ends inside the header and
    /// `endOfFile` is false (a file still being written).
    func header(fileSize: Int, endOfFile: Bool) throws(PTUError) -> PTUHeader? {
        var length = min(fileSize, 1 << 16)
        while true {
            let bytes = try prefix(length)
            let whole = bytes.count >= fileSize
            let header: PTUHeader?
            do {
                header = try PTUError.typed { try bytes.withUnsafeBytes { try PTUHeader.scan($0, endOfFile: whole && endOfFile) } }
            } catch {
                throw error.at(path: path)
            }
            if let header { return header }
            if whole || bytes.count < length { return nil }
            length = min(fileSize, length * 4)
        }
    }

    /// The C library's words for the current errno.
    private static func systemMessage() -> String { String(cString: strerror(errno)) }
}
