public import Foundation

/// Writes files so that a crash never leaves half a file: the data goes to a temporary file in
/// the same folder, which is then renamed over the target (rename is atomic on one filesystem).
/// A target that is not a plain file (`/dev/null`, a FIFO, `/dev/stdout`) is written into
/// directly, and a symbolic link's file is replaced, not the link (see ``OutputTarget``).
public enum AtomicFile {
    /// Writes `data` to `path` atomically, creating the folder if needed.
    ///
    /// - Throws: `OutputFault` naming `path` and the system's reason (`what` is "file"; callers
    ///   name the file's role).
    public static func write(_ data: Data, to path: String) throws(OutputFault) {
        switch OutputTarget.of(path) {
        case .stream(let path):
            do {
                let handle = try OutputTarget.openStream(path)
                defer { try? handle.close() }
                try handle.write(contentsOf: data)
            } catch {
                throw OutputFault(.write, "file", path: path, error: error)
            }
        case .file(let path):
            do {
                let url = URL(fileURLWithPath: path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: url, options: .atomic)
            } catch {
                throw OutputFault.writing("file", path: path, error: error)
            }
        }
    }
}
