internal import Foundation
#if canImport(Glibc)
internal import Glibc
#endif

/// Crash-safe file replacement on POSIX: a file is either its old or its new content after a
/// crash or power cut, never a mix, and a replacement that returned is on the disk.
///
/// The new content goes to a temporary file in the same folder (mode 0600), which is fsync'd,
/// renamed over the target (rename is atomic on POSIX file systems), and then the folder is
/// fsync'd so the rename itself is durable (the sequence of Pillai et al., "All file systems are
/// not created equal", OSDI 2014, section 2, and of SQLite's and PostgreSQL's WAL writers).
public enum DurableFile {
    /// Writes `contents` to `directory/name` atomically; call ``synchronizeDirectory(_:)`` after
    /// the last replacement of a batch before relying on it.
    public static func replace(directory: String, name: String, contents: [UInt8]) throws(KeyStoreError) {
        let temporaryPath = directory + "/." + name + ".tmp"
        let finalPath = directory + "/" + name
        let descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .fileSystem(operation: "open", path: temporaryPath, errno: errno) }
        var failure: KeyStoreError?
        if fchmod(descriptor, 0o600) != 0 { failure = .fileSystem(operation: "fchmod", path: temporaryPath, errno: errno) }
        var written = 0
        while failure == nil && written < contents.count {
            let result = contents[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if result < 0 {
                if errno == EINTR { continue }
                failure = .fileSystem(operation: "write", path: temporaryPath, errno: errno)
            } else {
                written += result
            }
        }
        if failure == nil && fsync(descriptor) != 0 { failure = .fileSystem(operation: "fsync", path: temporaryPath, errno: errno) }
        if close(descriptor) != 0 && failure == nil { failure = .fileSystem(operation: "close", path: temporaryPath, errno: errno) }
        if let failure {
            unlink(temporaryPath)
            throw failure
        }
        guard rename(temporaryPath, finalPath) == 0 else {
            let error = errno
            unlink(temporaryPath)
            throw .fileSystem(operation: "rename", path: finalPath, errno: error)
        }
    }

    /// fsyncs the folder, making the renames in it durable.
    public static func synchronizeDirectory(_ directory: String) throws(KeyStoreError) {
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .fileSystem(operation: "open", path: directory, errno: errno) }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw .fileSystem(operation: "fsync", path: directory, errno: errno) }
    }

    /// Creates `directory` (parents as needed) unless it exists, and makes it mode 0700 either way.
    public static func createDirectory(_ directory: String) throws(KeyStoreError) {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        } catch {
            throw .cannotCreateDirectory(path: directory, reason: String(describing: error))
        }
        guard chmod(directory, 0o700) == 0 else { throw .fileSystem(operation: "chmod", path: directory, errno: errno) }
    }
}
