import Foundation

/// What an output path names, so that writing "atomically" (a temporary file renamed over the
/// target) never replaces something that is not a plain file.
///
/// Renaming over `/dev/null` as root turns the device into a regular file (and a figure "beside"
/// it lands in `/dev`); renaming over a FIFO or a terminal's `/dev/stdout` cuts off whoever reads
/// it; renaming over a symbolic link replaces the link instead of the file it points to.
public enum OutputTarget: Equatable, Sendable {
    /// Nothing there yet, or a regular file: write a temporary file and rename it over `path`.
    case file(path: String)
    /// A device, FIFO or socket (`/dev/null`, `/dev/stdout`, a named pipe): open it and write
    /// straight into it; there is no "beside it" for companion files.
    case stream(path: String)

    /// The target `path` names now. A symbolic link to a file resolves to the file it points to.
    public static func of(_ path: String) -> OutputTarget {
        var status = stat()
        guard stat(path, &status) == 0 else { return .file(path: path) }   // nothing there yet
        switch status.st_mode & S_IFMT {
        case S_IFREG:
            var link = stat()
            if lstat(path, &link) == 0, link.st_mode & S_IFMT == S_IFLNK {
                return .file(path: URL(fileURLWithPath: path).resolvingSymlinksInPath().path)
            }
            return .file(path: path)
        case S_IFDIR:
            return .file(path: path)   // the write fails and says it is a folder
        default:
            return .stream(path: path)
        }
    }

    /// Opens the device, FIFO or socket at `path` (a `.stream` target) to write straight into it.
    /// - Throws: `OutputFault` with the system's reason (not every failure is a permission).
    static func openStream(_ path: String) throws -> FileHandle {
        let descriptor = open(path, O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw OutputFault(.write, "file", path: path, errorNumber: errno) }
        return FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }

    /// Whether companion files (figures) can go beside it.
    public var isFile: Bool {
        if case .file = self { return true }
        return false
    }
}
