public import LinkProtocol
internal import Foundation

/// The node's saved ``LinkProtocol/LinkSession`` (``LinkProtocol/LinkSessionSnapshot``'s bytes) in
/// the key store's folder, as `link-session.state`, mode 0600, replaced crash-safely
/// (``DurableFile``: temporary file, fsync, rename, fsync of the folder) before ``save(_:)`` returns.
///
/// It lives beside the keys because it must stay consistent with them: the pools hold the bits set
/// aside from the blocks the store committed (docs/link-channel.md, "Across restarts"). The store's
/// opening removes a temporary file a crash left; the store never reads this file.
public struct LinkSessionStateFile: Sendable {
    /// The file's name in the folder.
    public static let fileName = "link-session.state"
    /// The folder (the key store's).
    public let directory: String

    /// The state file in `directory`, which is created (mode 0700) unless it exists.
    public init(directory: String) throws(KeyStoreError) {
        self.directory = directory
        try DurableFile.createDirectory(directory)
    }

    /// Replaces the saved state with `snapshot`, durably, before returning; then the session may
    /// use the pads it reserved (``LinkProtocol/LinkSession/snapshotSaved(_:)``).
    public func save(_ snapshot: LinkSessionSnapshot) throws(KeyStoreError) {
        try DurableFile.replace(directory: directory, name: Self.fileName, contents: snapshot.encoded())
        try DurableFile.synchronizeDirectory(directory)
    }

    /// The saved state, nil when none was ever saved (a node's first start: key the session from
    /// the pre-shared secret). Throws ``KeyStoreError/corruptSessionState(fileName:_:)`` naming the
    /// field for a file that does not decode: the node must not start from a guess.
    public func load() throws(KeyStoreError) -> LinkSessionSnapshot? {
        let path = directory + "/" + Self.fileName
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else { throw .fileSystem(operation: "read", path: path, errno: 0) }
        do { return try LinkSessionSnapshot(decoding: Array(data)) } catch {
            throw .corruptSessionState(fileName: Self.fileName, error)
        }
    }
}
